using System.Management.Automation;
using System.Reflection;
using NemoVideo.Module.Commands;

namespace NemoVideo.Module.Tests.Contracts;

public class CmdletContractTests
{
    public static readonly string[] ExpectedCmdlets =
    [
        "Compress-NemoVideo", "Connect-Nemo", "Disconnect-Nemo", "Export-NemoVideo", "Get-NemoContext",
        "Get-NemoCredit", "Get-NemoRender", "Get-NemoState", "Invoke-NemoInstruction", "Send-NemoVideo",
    ];

    public static TheoryData<string> Cmdlets => new(ExpectedCmdlets);

    [Fact]
    public void The_module_has_exactly_the_cmdlets_of_the_issue() =>
        Assert.Equal(ExpectedCmdlets, CmdletMetadata.All.Select(cmdlet => cmdlet.Name));

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_uses_an_approved_verb(string name)
    {
        // The Verbs* classes' constants are real even in the stub: they are compiled into the metadata.
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains(CmdletMetadata.Get(name).Verb, approved);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_declares_what_it_outputs_and_is_a_thin_adapter(string name)
    {
        var cmdlet = CmdletMetadata.Get(name);

        Assert.NotEmpty(cmdlet.OutputTypes);
        Assert.Equal("NemoVideo.Module.Commands", cmdlet.Type.Namespace);
        Assert.True(typeof(NemoCmdlet).IsAssignableFrom(cmdlet.Type));
        Assert.True(cmdlet.Type.IsSealed);
        Assert.True(File.Exists(Repository.PathOf("src", "NemoVideo.Module", "Commands", cmdlet.Type.Name + ".cs")), "one cmdlet a file, named after it");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_but_Connect_takes_a_Session(string name)
    {
        var session = CmdletMetadata.Get(name).Parameters.SingleOrDefault(parameter => parameter.Name == "Session");

        if (name == "Connect-Nemo")
        {
            Assert.Null(session);
            return;
        }

        Assert.NotNull(session);
        Assert.Equal(typeof(NemoConnection), session.Type);
    }

    [Fact]
    public void Commands_that_write_files_support_WhatIf()
    {
        Assert.True(CmdletMetadata.Get("Export-NemoVideo").SupportsShouldProcess);
        Assert.True(CmdletMetadata.Get("Compress-NemoVideo").SupportsShouldProcess);
    }

    [Fact]
    public void Positional_parameters_are_unambiguous_within_each_parameter_set()
    {
        foreach (var cmdlet in CmdletMetadata.All)
        {
            var positions = cmdlet.Parameters
                .SelectMany(parameter => parameter.Sets.Where(set => set.Position != null).Select(set => (Set: set.Name ?? "(All)", set.Position)))
                .ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
        }
    }

    [Fact]
    public void Paths_follow_the_PowerShell_conventions()
    {
        foreach (var name in new[] { "Send-NemoVideo", "Compress-NemoVideo" })
        {
            var parameters = CmdletMetadata.Get(name).Parameters.ToDictionary(parameter => parameter.Name);
            Assert.True(parameters["Path"].SupportsWildcards);
            Assert.True(parameters["Path"].ByValue);
            Assert.Equal(0, parameters["Path"].Sets.Single().Position);
            Assert.False(parameters["LiteralPath"].SupportsWildcards);
            Assert.Equal(["PSPath", "FullName", "LP"], parameters["LiteralPath"].Aliases);
            Assert.True(parameters["LiteralPath"].ByPropertyName);
        }
    }
}
