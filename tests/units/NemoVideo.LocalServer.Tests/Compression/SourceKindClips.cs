using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// Issue 9's remaining kinds, made small with ffmpeg: recordings cut off mid-write (a Matroska file cut mid-cluster, an
/// MP4 whose index comes first cut mid-data) beside their whole originals, an MPEG-TS capture, and an animated and a
/// single-frame GIF.
/// </summary>
public sealed class SourceKindClips() : GeneratedClips("nemo-source-kinds-")
{
    /// <summary>6 s VP8/Opus MKV, whole (Duration 6 s in its header, Cues at the end).</summary>
    public string WholeMkv => Clip("whole.mkv");

    /// <summary>The first half of <see cref="WholeMkv"/>: the header still says 6 s.</summary>
    public string CutMkv => Clip("cut.mkv");

    /// <summary>6 s H.264/AAC MP4 written with +faststart (index first), cut at 60 %: the index lists samples past the cut.</summary>
    public string CutFastStartMp4 => Clip("cut-faststart.mp4");

    /// <summary>3 s H.264/AAC in MPEG-TS (timestamps start at 1.4 s, as ffmpeg writes them).</summary>
    public string TransportStream => Clip("capture.ts");

    /// <summary>2 s, 20 frames, 320x240.</summary>
    public string AnimatedGif => Clip("dance.gif");

    /// <summary>One frame.</summary>
    public string StillGif => Clip("sticker.gif");

    protected override async Task GenerateAsync()
    {
        await Task.WhenAll(
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6", "-f", "lavfi", "-i", "sine=duration=6",
                "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "1M", "-c:a", "libopus", "-shortest", WholeMkv]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6", "-f", "lavfi", "-i", "sine=duration=6",
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "2M", "-c:a", "aac", "-shortest", "-movflags", "+faststart", Clip("whole-faststart.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=3", "-f", "lavfi", "-i", "sine=duration=3",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", "-f", "mpegts", TransportStream]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=2", AnimatedGif]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", StillGif]));
        await CopyPart(WholeMkv, CutMkv, 0.5);
        await CopyPart(Clip("whole-faststart.mp4"), CutFastStartMp4, 0.6);
    }

    private static async Task CopyPart(string from, string to, double share)
    {
        var bytes = await File.ReadAllBytesAsync(from);
        await File.WriteAllBytesAsync(to, bytes[..(int)(bytes.Length * share)]);
    }

}
