using System.Xml.Linq;
using NemoVideo.HelpCompiler;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>Every cmdlet and parameter is documented in module/help, and the markdown agrees with the attributes.</summary>
public class HelpTests
{
    private static readonly string HelpDirectory = Repository.PathOf("module", "help");

    public static TheoryData<string> Cmdlets => new(CmdletContractTests.ExpectedCmdlets);

    [Fact]
    public void There_is_a_help_file_for_each_cmdlet_and_no_other() =>
        Assert.Equal(
            CmdletMetadata.All.Select(cmdlet => cmdlet.Name + ".md"),
            Directory.GetFiles(HelpDirectory, "*-*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_help_has_a_synopsis_a_description_and_examples(string name)
    {
        var help = Help(name);

        Assert.Equal(name, help.Name);
        Assert.NotEmpty(help.Synopsis);
        Assert.NotEmpty(help.Description);
        Assert.NotEmpty(help.Examples);
        Assert.All(help.Examples, example => Assert.Contains(name, example.Code));
        Assert.NotEmpty(help.Outputs);
        Assert.All(CmdletMetadata.Get(name).OutputTypes, type => Assert.Contains(help.Outputs, output => output.TypeName == type.FullName));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_parameter_is_documented_as_it_is_declared(string name)
    {
        var cmdlet = CmdletMetadata.Get(name);
        var documented = Help(name).Parameters.ToDictionary(parameter => parameter.Name);
        var shouldProcess = cmdlet.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : [];

        Assert.Equal(cmdlet.Parameters.Select(parameter => parameter.Name).Concat(shouldProcess).Order(), documented.Keys.Order());
        foreach (var parameter in cmdlet.Parameters)
        {
            var help = documented[parameter.Name];
            var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
            Assert.NotEmpty(help.Description);
            Assert.Equal(type.Name, help.Type);
            Assert.Equal(parameter.Aliases, help.Aliases);
            Assert.Equal(parameter.Sets.Any(set => set.Mandatory), help.Required);
            Assert.Equal(parameter.Sets.Select(set => set.Position?.ToString()).FirstOrDefault(position => position != null) ?? "Named", help.Position);
            Assert.Equal(parameter.SupportsWildcards, help.Globbing);
            Assert.Equal(parameter.ByPropertyName || parameter.ByValue, help.PipelineInput.StartsWith("True"));
            Assert.Equal(parameter.Sets.Select(set => set.Name ?? ParameterHelp.AllSets).Order(), help.ParameterSets.Order());
        }
    }

    [Fact]
    public void The_compiled_MAML_holds_every_command_with_its_parameters_and_examples()
    {
        var maml = MamlWriter.Write(CmdletMetadata.All.Select(cmdlet => Help(cmdlet.Name)));
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml2004 = "http://schemas.microsoft.com/maml/2004/10";

        var commands = maml.Root!.Elements(command + "command").ToList();
        Assert.Equal(CmdletMetadata.All.Select(cmdlet => cmdlet.Name), commands.Select(element => element.Element(command + "details")!.Element(command + "name")!.Value));
        foreach (var element in commands)
        {
            var name = element.Element(command + "details")!.Element(command + "name")!.Value;
            var parameterNames = element.Element(command + "parameters")!.Elements(command + "parameter").Select(parameter => parameter.Element(maml2004 + "name")!.Value);
            Assert.Equal(Help(name).Parameters.Select(parameter => parameter.Name), parameterNames);
            Assert.NotEmpty(element.Element(command + "examples")!.Elements());
            Assert.NotEmpty(element.Element(command + "syntax")!.Elements(command + "syntaxItem"));
        }

        // One syntax block per parameter set, as Get-Help shows them.
        var connect = commands.Single(element => element.Element(command + "details")!.Element(command + "name")!.Value == "Connect-Nemo");
        Assert.Equal(3, connect.Element(command + "syntax")!.Elements().Count());
    }

    [Fact]
    public void A_help_file_without_a_required_section_is_rejected_with_the_reason()
    {
        var failure = Assert.Throws<FormatException>(() => MarkdownHelpParser.Parse("# Get-Thing\n\n## SYNOPSIS\nx\n"));

        Assert.Contains("DESCRIPTION", failure.Message);
    }

    [Fact]
    public void The_about_topic_exists_and_names_every_cmdlet()
    {
        var about = File.ReadAllText(Repository.PathOf("module", "en-US", "about_NemoVideo.help.txt"));

        Assert.StartsWith("TOPIC", about);
        Assert.All(CmdletMetadata.All, cmdlet => Assert.Contains(cmdlet.Name, about));
    }

    private static CommandHelp Help(string name) => MarkdownHelpParser.Parse(File.ReadAllText(Path.Combine(HelpDirectory, name + ".md")));
}
