using System.Reflection;
using System.Management.Automation;
using NemoVideo.Module.Commands;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>
/// The cmdlets as PowerShell's binder sees them, read with CustomAttributeData: the PowerShellStandard.Library stub
/// returns blank attribute instances at run time, but the attribute data in the metadata is real.
/// </summary>
public sealed record CmdletInfo(Type Type, string Verb, string Noun, bool SupportsShouldProcess, IReadOnlyList<Type> OutputTypes, IReadOnlyList<ParameterInfo> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    public override string ToString() => Name;
}

public sealed record ParameterInfo(
    PropertyInfo Property,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterSetInfo> Sets,
    bool SupportsWildcards)
{
    public string Name => Property.Name;

    public Type Type => Property.PropertyType;

    public bool ByPropertyName => Sets.Any(set => set.ByPropertyName);

    public bool ByValue => Sets.Any(set => set.ByValue);

    public IEnumerable<string> BindingNames => Aliases.Prepend(Name);
}

public sealed record ParameterSetInfo(string? Name, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

public static class CmdletMetadata
{
    public static IReadOnlyList<CmdletInfo> All { get; } = typeof(NemoCmdlet).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && Attribute<CmdletAttribute>(type) != null)
        .Select(Read)
        .OrderBy(cmdlet => cmdlet.Name, StringComparer.Ordinal)
        .ToList();

    public static CmdletInfo Get(string name) => All.Single(cmdlet => cmdlet.Name == name);

    private static CmdletInfo Read(Type type)
    {
        var cmdlet = Attribute<CmdletAttribute>(type)!;
        var outputs = type.GetCustomAttributesData()
            .Where(data => data.AttributeType == typeof(OutputTypeAttribute))
            .SelectMany(data => data.ConstructorArguments)
            .SelectMany(argument => argument.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(item => item.Value) : [argument.Value])
            .OfType<Type>()
            .ToList();
        return new CmdletInfo(
            type,
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            Named(cmdlet, nameof(CmdletAttribute.SupportsShouldProcess)) is true,
            outputs,
            type.GetProperties().Select(ReadParameter).OfType<ParameterInfo>().ToList());
    }

    private static ParameterInfo? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes.Where(data => data.AttributeType == typeof(ParameterAttribute))
            .Select(data => new ParameterSetInfo(
                Named(data, nameof(ParameterAttribute.ParameterSetName)) as string,
                Named(data, nameof(ParameterAttribute.Mandatory)) is true,
                Named(data, nameof(ParameterAttribute.Position)) as int?,
                Named(data, nameof(ParameterAttribute.ValueFromPipeline)) is true,
                Named(data, nameof(ParameterAttribute.ValueFromPipelineByPropertyName)) is true))
            .ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        var aliases = attributes.Where(data => data.AttributeType == typeof(AliasAttribute))
            .SelectMany(data => ((IReadOnlyCollection<CustomAttributeTypedArgument>)data.ConstructorArguments[0].Value!).Select(item => (string)item.Value!))
            .ToList();
        return new ParameterInfo(property, aliases, sets, attributes.Any(data => data.AttributeType == typeof(SupportsWildcardsAttribute)));
    }

    public static CustomAttributeData? Attribute<T>(MemberInfo member) =>
        member.GetCustomAttributesData().SingleOrDefault(data => data.AttributeType == typeof(T));

    public static object? Named(CustomAttributeData data, string name) =>
        data.NamedArguments.Where(argument => argument.MemberName == name).Select(argument => argument.TypedValue.Value).FirstOrDefault();
}
