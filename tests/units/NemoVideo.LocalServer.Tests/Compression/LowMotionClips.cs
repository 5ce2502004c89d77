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

    protected override async Task GenerateAsync()
    {
        var page = Path.Combine(Directory, "page.txt");
        await File.WriteAllLinesAsync(page, ScreenRecordingPage.Lines());
        await Ffmpeg(["-f", "lavfi", "-i", ScreenRecordingPage.Graph(page, 1280, 720, 15, Seconds),
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", ScreenRecording]);
    }
}

/// <summary>The lavfi graph of a screen recording (drawtext needs a font; ffmpeg's Debian package brings DejaVu via fontconfig).</summary>
internal static class ScreenRecordingPage
{
    private static readonly string[] Words =
        "the quick brown fox jumps over lazy dog compress video budget ceiling resolution ladder sample measure screen text window".Split(' ');

    public static IEnumerable<string> Lines()
    {
        var random = new Random(1);
        return Enumerable.Range(0, 34).Select(_ => string.Join(' ', Enumerable.Range(0, 14).Select(_ => Words[random.Next(Words.Length)])));
    }

    public static string Graph(string pageFile, int width, int height, int rate, int seconds) =>
        FormattableString.Invariant($"color=c=white:s={width}x{height}:r={rate}:d={seconds},")
        + $"drawtext=textfile='{pageFile}':fontsize=16:fontcolor=black:x=20:y=20:line_spacing=4,"
        + "drawbox=x='700+mod(t*60\\,400)':y=420:w=220:h=140:color=0x3060c0:t=fill,"
        + FormattableString.Invariant($"drawtext=text='%{{pts\\:hms}}':fontsize=20:fontcolor=black:x={width - 130}:y={height - 30}");
}
