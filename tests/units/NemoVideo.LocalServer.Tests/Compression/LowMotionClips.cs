using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// A synthetic 1280x720 screen recording: a page of 16 px text, a clock and a small window moving across it, 15 fps,
/// mostly static (the kind of content where the bits-per-pixel floor shrank the picture for nothing).
/// </summary>
public sealed class LowMotionClips() : GeneratedClips("nemo-low-motion-")
{
    public const int Seconds = 8;

    public string ScreenRecording => Path.Combine(Directory, "screen.mp4");

    /// <summary>The benchmark's talking head (gradient, light noise, a gently swaying shape), 1280x720, 30 fps, no audio.</summary>
    public string TalkingHead => Path.Combine(Directory, "talking-head.mp4");

    protected override async Task GenerateAsync()
    {
        var page = Path.Combine(Directory, "page.txt");
        await File.WriteAllLinesAsync(page, ScreenRecordingPage.Lines());
        await Ffmpeg(["-f", "lavfi", "-i", ScreenRecordingPage.Graph(page, 1280, 720, 15, Seconds),
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", ScreenRecording]);
        await Ffmpeg(["-f", "lavfi", "-i", string.Format(System.Globalization.CultureInfo.InvariantCulture, NemoVideo.Bench.LowMotion.TalkingHead, 1280, 720),
            "-t", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "17", "-pix_fmt", "yuv420p", TalkingHead]);
    }
}

/// <summary>The lavfi graph of a screen recording (drawtext needs a font; ffmpeg's Debian package brings DejaVu via fontconfig).</summary>
internal static class ScreenRecordingPage
{
    public static IEnumerable<string> Lines() => NemoVideo.Bench.LowMotion.PageLines();

    public static string Graph(string pageFile, int width, int height, int rate, int seconds) =>
        FormattableString.Invariant($"color=c=white:s={width}x{height}:r={rate}:d={seconds},")
        + $"drawtext=textfile='{pageFile}':fontsize=16:fontcolor=black:x=20:y=20:line_spacing=4,"
        + "drawbox=x='700+mod(t*60\\,400)':y=420:w=220:h=140:color=0x3060c0:t=fill,"
        + FormattableString.Invariant($"drawtext=text='%{{pts\\:hms}}':fontsize=20:fontcolor=black:x={width - 130}:y={height - 30}");
}
