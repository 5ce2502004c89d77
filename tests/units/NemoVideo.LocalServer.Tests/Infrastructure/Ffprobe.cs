using System.Text.Json.Nodes;
using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>Reads a file's streams and format with the real ffprobe, to check what a render produced.</summary>
internal static class Ffprobe
{
    public static async Task<JsonNode> ProbeAsync(string path)
    {
        var outcome = await ToolProcess.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
            onOutputLine: null, CancellationToken.None);
        Assert.Equal(0, outcome.ExitCode);
        return JsonNode.Parse(outcome.StandardOutput)!;
    }

    public static IEnumerable<JsonNode> Streams(this JsonNode probe, string type) =>
        probe["streams"]!.AsArray().Where(stream => stream!["codec_type"]!.GetValue<string>() == type).Select(stream => stream!);

    public static double DurationSeconds(this JsonNode probe) =>
        double.Parse(probe["format"]!["duration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
