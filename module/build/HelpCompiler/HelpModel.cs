using System.Collections.Generic;
using System.Linq;

namespace NemoVideo.HelpCompiler;

/// <summary>One cmdlet's help as written in its platyPS markdown file.</summary>
public sealed record CommandHelp(
    string Name,
    string Synopsis,
    string Description,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    string Notes,
    IReadOnlyList<string> RelatedLinks)
{
    public string Verb => Name.Split('-')[0];

    public string Noun => Name.Substring(Name.IndexOf('-') + 1);
}

public sealed record ExampleHelp(string Title, string Code, string Remarks);

/// <summary>A parameter: its description and the platyPS yaml block's fields.</summary>
public sealed record ParameterHelp(
    string Name,
    string Description,
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing,
    IReadOnlyList<string> AcceptedValues)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => Type == "SwitchParameter";

    public bool InSet(string set) => ParameterSets.Contains(AllSets) || ParameterSets.Contains(set);
}

public sealed record TypeHelp(string TypeName, string Description);
