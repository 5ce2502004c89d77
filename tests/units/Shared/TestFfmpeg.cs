using System.Diagnostics;
using System.IO;
using Xunit;

namespace NemoVideo.Tests.Shared;

/// <summary>
/// ffmpeg and ffprobe from PATH for test fixtures that make real clips and read real outputs. Linked into each test
/// project that needs it (one source, no shared assembly whose engine references would clash).
/// </summary>
public static class TestFfmpeg
{
    /// <summary>A real H.264/AAC clip of a test pattern and a tone; <paramref name="size"/> is WIDTHxHEIGHT.</summary>
    public static string MakeClip(string path, int seconds, string size, int frameRate, string bitRate)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Run("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={frameRate}:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-b:v", bitRate, "-c:a", "aac", "-shortest", path);
        return path;
    }

    /// <summary>ffprobe's values of <paramref name="entries"/> (e.g. "stream=codec_name"), one a line.</summary>
    public static string Probe(string path, string entries) =>
        Run("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=noprint_wrappers=1:nokey=1", path).Trim();

    private static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output.Result;
    }
}
