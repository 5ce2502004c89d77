using System.Reflection;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>
/// The pipeline binds by property name: a producer's output property must meet a consumer's
/// ValueFromPipelineByPropertyName parameter of the same name (or alias) and a compatible type.
/// </summary>
public class PipelineBindingTests
{
    public static TheoryData<string, string, string> Links => new()
    {
        { "Send-NemoVideo", "Invoke-NemoInstruction", "SessionId" },
        { "Send-NemoVideo", "Get-NemoState", "SessionId" },
        { "Send-NemoVideo", "Export-NemoVideo", "SessionId" },
        { "Invoke-NemoInstruction", "Export-NemoVideo", "SessionId" },
        { "Invoke-NemoInstruction", "Get-NemoState", "SessionId" },
        { "Invoke-NemoInstruction", "Invoke-NemoInstruction", "SessionId" },
        { "Connect-Nemo", "Invoke-NemoInstruction", "SessionId" },
        { "Export-NemoVideo", "Send-NemoVideo", "LiteralPath" },
        { "Export-NemoVideo", "Compress-NemoVideo", "LiteralPath" },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public void Each_producer_binds_to_the_next_cmdlet(string producer, string consumer, string expectedParameter)
    {
        var produced = CmdletMetadata.Get(producer).OutputTypes.First();

        Assert.Contains(expectedParameter, BoundParameters(produced, consumer).Select(parameter => parameter.Name));
    }

    [Theory]
    [InlineData("Send-NemoVideo")]
    [InlineData("Compress-NemoVideo")]
    public void Get_ChildItem_output_binds_to_LiteralPath(string consumer) =>
        Assert.Contains("LiteralPath", BoundParameters(typeof(FileInfo), consumer).Select(parameter => parameter.Name));

    [Fact]
    public void Export_output_binds_only_its_file_to_Send_and_not_a_session_that_is_not_there()
    {
        // Send-NemoVideo has no SessionId parameter: an exported file is sent into the connection's session.
        Assert.Equal(["LiteralPath"], BoundParameters(typeof(NemoExportedFile), "Send-NemoVideo").Select(parameter => parameter.Name));
    }

    [Fact]
    public void A_NoWait_render_job_binds_its_render_and_its_session_back_to_Export()
    {
        // $job = Export-NemoVideo -NoWait; $job | Export-NemoVideo: the pair must arrive together, and nothing else
        // (Status, OutputUrl) may bind by accident.
        Assert.Contains(typeof(NemoRenderJob), CmdletMetadata.Get("Export-NemoVideo").OutputTypes);
        Assert.Equal(["RenderId", "SessionId"], BoundParameters(typeof(NemoRenderJob), "Export-NemoVideo").Select(parameter => parameter.Name).Order());
    }

    private static List<ParameterInfo> BoundParameters(Type produced, string consumer)
    {
        var properties = produced.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);
        if (produced == typeof(FileInfo))
        {
            // PowerShell adds PSPath to every file-system item.
            properties["PSPath"] = typeof(FileInfo).GetProperty(nameof(FileInfo.FullName))!;
        }

        return CmdletMetadata.Get(consumer).Parameters
            .Where(parameter => parameter.ByPropertyName)
            .Where(parameter => parameter.BindingNames.Any(name => properties.TryGetValue(name, out var property) && Compatible(property.PropertyType, parameter.Type)))
            .ToList();
    }

    private static bool Compatible(Type from, Type to)
    {
        var target = to.IsArray ? to.GetElementType()! : to;
        var source = Nullable.GetUnderlyingType(from) ?? from;
        return target.IsAssignableFrom(source) || target == typeof(string) && (source == typeof(string) || source == typeof(Uri));
    }
}
