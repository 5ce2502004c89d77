using System.Management.Automation;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>
/// Rules PowerShell enforces only when a cmdlet is first invoked (a MetadataException there, a broken cmdlet for the
/// user); this machine has no PowerShell, so they are checked from the attribute metadata.
/// </summary>
public sealed class ParameterBinderRulesTests
{
    private const string AllSets = "__AllParameterSets";

    private static readonly string[] CommonParameters =
    [
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf",
    ];

    public static TheoryData<string> Cmdlets => [.. CmdletMetadata.All.Select(cmdlet => cmdlet.Name)];

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Names_and_aliases_are_unique_and_leave_the_common_parameters_alone(string name)
    {
        var bindingNames = CmdletMetadata.Get(name).Parameters.SelectMany(parameter => parameter.BindingNames).ToList();

        Assert.Equal(bindingNames.Count, bindingNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(bindingNames.Intersect(CommonParameters, StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Positions_are_unique_in_every_parameter_set_counting_the_parameters_of_all_sets(string name)
    {
        var cmdlet = CmdletMetadata.Get(name);
        foreach (var set in SetNames(cmdlet))
        {
            var positions = cmdlet.Parameters
                .SelectMany(parameter => parameter.Sets.Where(declared => (declared.Name ?? AllSets) == set || declared.Name == null))
                .Where(declared => declared.Position != null)
                .Select(declared => declared.Position!.Value)
                .ToList();
            Assert.True(positions.Count == positions.Distinct().Count(), $"{name}: two parameters share a position in set {set}");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_default_parameter_set_exists(string name)
    {
        var cmdlet = CmdletMetadata.Get(name);
        var declared = CmdletMetadata.Named(CmdletMetadata.Attribute<CmdletAttribute>(cmdlet.Type)!, nameof(CmdletAttribute.DefaultParameterSetName)) as string;
        var named = SetNames(cmdlet).Where(set => set != AllSets).ToList();

        if (declared != null)
        {
            Assert.Contains(declared, named);
        }
        else
        {
            Assert.True(named.Count <= 1, $"{name} has sets {string.Join(", ", named)} but no DefaultParameterSetName");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void A_parameter_appears_at_most_once_in_each_set(string name)
    {
        foreach (var parameter in CmdletMetadata.Get(name).Parameters)
        {
            var sets = parameter.Sets.Select(set => set.Name ?? AllSets).ToList();
            Assert.Equal(sets.Count, sets.Distinct().Count());
        }
    }

    private static IReadOnlyList<string> SetNames(CmdletInfo cmdlet)
    {
        var named = cmdlet.Parameters.SelectMany(parameter => parameter.Sets).Select(set => set.Name).OfType<string>().Distinct().ToList();
        return named.Count == 0 ? [AllSets] : named;
    }
}
