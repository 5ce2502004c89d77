using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>
/// Short clips made with ffmpeg's lavfi sources, shared by the tests and kept between runs in one temp folder
/// (each is written under a temporary name and renamed, so concurrent runs never see half a clip).
/// </summary>
internal static class TestClips
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "nemo-server-test-clips");
    private static readonly Lazy<Task<string>> SmallClip = new(() => MakeAsync("small.mp4",
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
        "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"));

    // Noise makes the clip incompressible enough to exceed 2 MB in a few seconds.
    private static readonly Lazy<Task<string>> LargeClip = new(() => MakeAsync("large.mp4",
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=5",
        "-f", "lavfi", "-i", "sine=frequency=330:duration=5",
        "-vf", "noise=alls=14:allf=t", "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "24",
        "-pix_fmt", "yuv420p", "-c:a", "aac"));

    // Long enough that a budgeted encode of it is still running when a test stops the server.
    private static readonly Lazy<Task<string>> LongClip = new(() => MakeAsync("long.mp4",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=40",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));

    /// <summary>40 s, 1280x720, H.264, no audio.</summary>
    public static Task<string> LongAsync() => LongClip.Value;

    /// <summary>3 s, 320x240, H.264 + AAC, a few hundred KB.</summary>
    public static Task<string> SmallAsync() => SmallClip.Value;

    /// <summary>5 s, 640x360 with moving noise, about 6.6 MB.</summary>
    public static Task<string> LargeAsync() => LargeClip.Value;

    private static async Task<string> MakeAsync(string name, params string[] arguments)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        if (File.Exists(path))
        {
            return path;
        }

        var partial = Path.Combine(Folder, $"{Guid.NewGuid():N}.{name}");
        var outcome = await ToolProcess.RunAsync("ffmpeg", new[] { "-v", "error", "-y" }.Concat(arguments).Append(partial),
            onOutputLine: null, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"ffmpeg could not make {name}: {outcome.StandardErrorTail}");
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }
}
