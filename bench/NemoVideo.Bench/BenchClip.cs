using System.Globalization;
using NemoVideo.Compression;

namespace NemoVideo.Bench;

/// <summary>A generated source clip. Sources are encoded at high quality so the ceilings (a share of their size) are realistic.
/// Everything is made by ffmpeg's lavfi sources with fixed seeds, so a clip is the same on every machine; the files are
/// cached under the work folder (bench/results/clips, not committed).</summary>
/// <param name="VariableFrameRate">Frames are dropped at pseudo-random places (a fixed-seed <c>random()</c>), written with
/// <c>-fps_mode vfr</c>: uneven frame spacing, as phones record.</param>
internal sealed record BenchClip(string Name, string Description, int Width, int Height, double Seconds, string VideoSource, bool Portrait,
    bool VariableFrameRate = false)
{
    public static IReadOnlyList<BenchClip> Set(bool quick) => quick
        ? [
            new("noise-motion", "moving test pattern + temporal noise", 960, 540, 6, "testsrc2=size={0}x{1}:rate=30,noise=alls=12:allf=t+u", false),
            new("clean-animation", "clean moving test pattern", 640, 360, 6, "testsrc2=size={0}x{1}:rate=30", false),
            new("portrait-phone", "landscape coding + rotate 90 metadata, light noise", 640, 360, 6, "testsrc2=size={0}x{1}:rate=30,noise=alls=6:allf=t", true),
            new("screen-recording", "page of 16 px text, clock, small moving window", 1280, 720, 10, LowMotion.ScreenRecording, false),
            new("talking-head-face", "synthetic face (oval, eyes, moving mouth) on a slow gradient, sensor noise", 960, 540, 6, LowMotion.Face, false),
            new("short-0.3s", "0.3 s of moving test pattern + noise (9 frames)", 1280, 720, 0.3, "testsrc2=size={0}x{1}:rate=30,noise=alls=6:allf=t", false),
            new("phone-vfr", "variable frame rate (random frame drops), rotate 90, light noise", 960, 540, 6, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", true, true),
        ]
        : [
            new("noise-motion", "moving test pattern + temporal noise", 1920, 1080, 30, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", false),
            new("clean-animation", "clean moving test pattern", 1280, 720, 15, "testsrc2=size={0}x{1}:rate=30", false),
            new("portrait-phone", "landscape coding + rotate 90 metadata, light noise", 1280, 720, 12, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", true),
            new("screen-recording", "page of 16 px text, clock, small moving window (mostly static)", 1280, 720, 120, LowMotion.ScreenRecording, false),
            new("talking-head", "slow gradient background, light sensor noise, a gently moving shape", 1280, 720, 30, LowMotion.TalkingHead, false),
            new("static-slides", "a text slide that changes every 10 s", 1920, 1080, 40, LowMotion.Slides, false),
            new("talking-head-face", "synthetic face (oval, eyes, moving mouth) on a slow gradient, sensor noise; no real footage available", 1920, 1080, 20, LowMotion.Face, false),
            new("short-0.3s", "0.3 s of moving test pattern + light noise (9 frames)", 1920, 1080, 0.3, "testsrc2=size={0}x{1}:rate=30,noise=alls=6:allf=t", false),
            new("uhd-4k", "moving test pattern + light noise, 4K", 3840, 2160, 10, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", false),
            new("phone-vfr", "1080p phone clip: variable frame rate (random frame drops), rotate 90, light noise", 1920, 1080, 30, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", true, true),
        ];

    public async Task<string> GenerateAsync(string directory, FfmpegTools tools)
    {
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Name}-{Width}x{Height}-{Seconds:0.###}s.mp4"));
        if (File.Exists(path))
        {
            return path;
        }

        var encoded = path + ".encoding.mp4";
        var page = Path.Combine(directory, "page.txt");
        await File.WriteAllLinesAsync(page, LowMotion.PageLines());
        var lavfi = string.Format(CultureInfo.InvariantCulture, VideoSource, Width, Height, page);
        if (VariableFrameRate)
        {
            // random(0) starts from a fixed seed, so the same frames are dropped on every machine.
            lavfi += ",select='gt(random(0)\\,0.2)'";
        }

        await Tool.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", lavfi,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo",
                "-t", Seconds.ToString(CultureInfo.InvariantCulture), .. VariableFrameRate ? new[] { "-fps_mode", "vfr" } : [],
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "17",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", encoded]);
        // Rotation metadata survives only a stream copy in ffmpeg 5.1, so a phone-style clip is tagged in a second step.
        await Tool.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", encoded, "-c", "copy",
                .. Portrait ? new[] { "-metadata:s:v:0", "rotate=90" } : [], path]);
        File.Delete(encoded);
        return path;
    }
}
