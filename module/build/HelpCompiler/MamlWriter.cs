using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace NemoVideo.HelpCompiler;

/// <summary>Writes the MAML (command help XML) that Get-Help reads for compiled cmdlets.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.OrderBy(command => command.Name).Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(Parameter)),
            new XElement(Command + "inputTypes", help.Inputs.Select(input => TypeElement("inputType", input))),
            new XElement(Command + "returnValues", help.Outputs.Select(output => TypeElement("returnValue", output))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((example, index) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- Example {index + 1}: {example.Title} --------------------------"),
                    new XElement(Dev + "code", example.Code),
                    new XElement(Dev + "remarks", Paragraphs(example.Remarks))))),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(link =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", link), new XElement(Maml + "uri")))));

    /// <summary>One syntax block per parameter set, as Get-Help shows them; a cmdlet without named sets has one.</summary>
    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var sets = help.Parameters.SelectMany(parameter => parameter.ParameterSets)
            .Where(set => set != ParameterHelp.AllSets)
            .Distinct()
            .DefaultIfEmpty(ParameterHelp.AllSets);
        return sets.Select(set => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            help.Parameters.Where(parameter => parameter.InSet(set)).Select(Parameter)));
    }

    private static XElement Parameter(ParameterHelp parameter) =>
        new(Command + "parameter",
            new XAttribute("required", parameter.Required.ToString().ToLowerInvariant()),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", parameter.Globbing.ToString().ToLowerInvariant()),
            new XAttribute("pipelineInput", parameter.PipelineInput),
            new XAttribute("position", parameter.Position.ToLowerInvariant()),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description),
            parameter.AcceptedValues.Count == 0
                ? null
                : new XElement(Command + "parameterValueGroup", parameter.AcceptedValues.Select(value =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), value))),
            parameter.IsSwitch
                ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), parameter.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue));

    private static XElement TypeElement(string element, TypeHelp type) =>
        new(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    private static IEnumerable<XElement> Paragraphs(string text) =>
        text.Split("\n\n").Where(paragraph => paragraph.Length > 0).Select(paragraph => new XElement(Maml + "para", paragraph));
}
