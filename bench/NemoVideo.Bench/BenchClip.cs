using System.Globalization;
using NemoVideo.Compression;

namespace NemoVideo.Bench;

/// <summary>A generated source clip. Sources are encoded at high quality so the ceilings (a share of their size) are realistic.</summary>
internal sealed record BenchClip(string Name, string Description, int Width, int Height, int Seconds, string VideoSource, bool Portrait)
{
    public static IReadOnlyList<BenchClip> Set(bool quick) => quick
        ? [
            new("noise-motion", "moving test pattern + temporal noise", 960, 540, 6, "testsrc2=size={0}x{1}:rate=30,noise=alls=12:allf=t+u", false),
            new("clean-animation", "clean moving test pattern", 640, 360, 6, "testsrc2=size={0}x{1}:rate=30", false),
            new("portrait-phone", "landscape coding + rotate 90 metadata, light noise", 640, 360, 6, "testsrc2=size={0}x{1}:rate=30,noise=alls=6:allf=t", true),
        ]
        : [
            new("noise-motion", "moving test pattern + temporal noise", 1920, 1080, 30, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", false),
            new("clean-animation", "clean moving test pattern", 1280, 720, 15, "testsrc2=size={0}x{1}:rate=30", false),
            new("portrait-phone", "landscape coding + rotate 90 metadata, light noise", 1280, 720, 12, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", true),
        ];

    public async Task<string> GenerateAsync(string directory, FfmpegTools tools)
    {
        var path = Path.Combine(directory, $"{Name}-{Width}x{Height}-{Seconds}s.mp4");
        if (File.Exists(path))
        {
            return path;
        }

        var encoded = path + ".encoding.mp4";
        var lavfi = string.Format(CultureInfo.InvariantCulture, VideoSource, Width, Height);
        await Tool.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", lavfi,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo",
                "-t", Seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "veryfast", "-crf", "17",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", encoded]);
        // Rotation metadata survives only a stream copy in ffmpeg 5.1, so a phone-style clip is tagged in a second step.
        await Tool.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", encoded, "-c", "copy",
                .. Portrait ? new[] { "-metadata:s:v:0", "rotate=90" } : [], path]);
        File.Delete(encoded);
        return path;
    }
}
