using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>Reads a file's streams and format with the real ffprobe, to check what a render produced.</summary>
internal static class Ffprobe
{
    public static async Task<JsonNode> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return JsonNode.Parse(output)!;
    }

    public static IEnumerable<JsonNode> Streams(this JsonNode probe, string type) =>
        probe["streams"]!.AsArray().Where(stream => stream!["codec_type"]!.GetValue<string>() == type).Select(stream => stream!);

    public static double DurationSeconds(this JsonNode probe) =>
        double.Parse(probe["format"]!["duration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
