using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Generates the small test clips once per test class with ffmpeg's lavfi sources (motion, noise, audio),
/// and hands each test its own empty output folder.</summary>
public sealed class ClipFixture() : GeneratedClips("nemo-compression-tests-")
{
    private const string Motion = "testsrc2=size={0}:rate=30,noise=alls=14:allf=t+u";
    private const string StereoTone = "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo";

    public string Noise => Clip("noise.mp4");

    public string Portrait => Clip("portrait.mp4");

    /// <summary>10 s of the moving noise at 320x180 with sound: 300 frames, enough for x264 to encode in one pass
    /// (<see cref="VideoEncoder.OnePassMinimumFrames"/>); the other moving clips are 3–4 s and get two passes.</summary>
    public string LongNoise => Clip("noise-10s.mp4");

    public string VariableFrameRate => Clip("vfr.mp4");

    public string OddSize => Clip("odd.mp4");

    public string Surround => Clip("surround.mp4");

    public string FullChroma => Clip("yuv444.mp4");

    public string Hdr10Bit => Clip("hdr10.mp4");

    public string Tiny => Clip("tiny.mp4");

    /// <summary>5 s of one still picture (a frame held), no audio: the encoder cannot spend a ceiling on it.</summary>
    public string Flat => Clip("flat.mp4");

    protected override async Task GenerateAsync()
    {
        await Task.WhenAll(
            Encode("noise.mp4", Motion, "640x360", 4, StereoTone, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac", "-b:a", "192k"]),
            Encode("noise-10s.mp4", Motion, "320x180", 10, StereoTone, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac", "-b:a", "128k"]),
            Encode("vfr.mp4", Motion + ",select='not(eq(mod(n\\,5)\\,2))*not(eq(mod(n\\,7)\\,3))'", "480x270", 4, StereoTone,
                ["-fps_mode", "vfr", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac"]),
            // testsrc2 rounds sizes to even; testsrc keeps 321x181, and x264 accepts odd sizes only in 4:4:4.
            Encode("odd.mp4", "testsrc=size={0}:rate=30", "321x181", 3, null, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv444p"]),
            Encode("surround.mp4", Motion, "320x180", 3, "sine=frequency=300:sample_rate=48000,aformat=channel_layouts=5.1",
                ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac", "-b:a", "384k"]),
            Encode("yuv444.mp4", Motion, "320x180", 3, null, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv444p"]),
            Encode("hdr10.mp4", Motion, "320x180", 3, null,
                ["-c:v", "libx265", "-preset", "ultrafast", "-crf", "16", "-pix_fmt", "yuv420p10le", "-x265-params", "log-level=error",
                    "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc"]),
            Encode("flat.mp4", "testsrc2=size={0}:rate=30,trim=end_frame=1,loop=loop=149:size=1:start=0", "640x360", 5, null, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "0"]),
            Encode("tiny.mp4", "testsrc2=size={0}:rate=30", "320x180", 2, StereoTone,
                ["-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-c:a", "aac", "-b:a", "64k"]));
        // Rotation metadata survives only a stream copy in ffmpeg 5.1, so the phone-style clip is tagged in a second step.
        await Encode("portrait-coded.mp4", Motion, "320x180", 3, StereoTone, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac"]);
        await Ffmpeg(["-i", Clip("portrait-coded.mp4"), "-c", "copy", "-metadata:s:v:0", "rotate=90", Clip("portrait.mp4")]);
    }

    private Task Encode(string name, string videoSource, string size, int seconds, string? audioSource, string[] codec)
    {
        List<string> arguments = ["-f", "lavfi", "-i", string.Format(System.Globalization.CultureInfo.InvariantCulture, videoSource, size)];
        if (audioSource is not null)
        {
            arguments.AddRange(["-f", "lavfi", "-i", audioSource]);
        }

        arguments.AddRange(["-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. codec, Clip(name)]);
        return Ffmpeg(arguments);
    }
}
