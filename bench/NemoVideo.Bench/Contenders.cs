using System.Globalization;
using NemoVideo.Compression;

namespace NemoVideo.Bench;

/// <summary>One way of compressing a clip under a ceiling. Every contender gets the same ceiling and the same audio bitrate.</summary>
internal interface IContender
{
    string Name { get; }

    Task EncodeAsync(MediaInfo source, long ceilingBytes, string outputPath, string workDirectory);
}

internal sealed class NemoContender(FfmpegTools tools) : IContender
{
    private readonly CompressionEngine _engine = new(tools);

    public string Name => "nemo";

    public async Task EncodeAsync(MediaInfo source, long ceilingBytes, string outputPath, string workDirectory)
    {
        var result = await _engine.CompressAsync(source.Path, outputPath, new CompressionRequest { MaxBytes = ceilingBytes, Overwrite = true });
        Console.Error.WriteLine($"  nemo: {result.Strategy}, final pass ran {result.FinalPassRuns}x, {result.Bytes / (double)ceilingBytes:0.000} of the ceiling, {result.Width}x{result.Height}"
            + (result.Notes.Count == 0 ? "" : "; " + string.Join(" ", result.Notes)));
    }
}

/// <summary>What a person would type: the ceiling divided by the duration, minus the audio, as a two-pass x264 bitrate.
/// The audio is the engine's own plan for that ceiling (rate, channels and, at the rungs a tight ceiling forces, a
/// 24 kHz sample rate), so every contender spends the same on sound.</summary>
internal sealed record PlainBitrate(long VideoKbps, int AudioKbps, int AudioChannels, int? AudioSampleRate)
{
    public static PlainBitrate For(MediaInfo source, long ceilingBytes)
    {
        var totalBitsPerSecond = ceilingBytes * 8.0 / source.DurationSeconds;
        var audio = source.Audio is null ? null : EngineAudio(source, ceilingBytes, totalBitsPerSecond);
        var audioKbps = (audio?.BitsPerSecond ?? 0) / 1000;
        return new PlainBitrate((long)(totalBitsPerSecond / 1000) - audioKbps, audioKbps, audio?.Channels ?? 0, audio?.SampleRate);
    }

    /// <summary>A ceiling the engine refuses still gets the ladder's choice, so the peers' rows show what they would write.</summary>
    private static AudioPlan? EngineAudio(MediaInfo source, long ceilingBytes, double totalBitsPerSecond)
    {
        try
        {
            return CompressionPlanner.Plan(source, new CompressionRequest { MaxBytes = ceilingBytes }).Audio;
        }
        catch (CompressionException)
        {
            return AudioPlanner.ForBudget(source.Audio!, OutputContainer.Mp4, totalBitsPerSecond);
        }
    }
}

internal sealed class FfmpegTwoPassContender(FfmpegTools tools) : IContender
{
    public string Name => "ffmpeg-2pass";

    public async Task EncodeAsync(MediaInfo source, long ceilingBytes, string outputPath, string workDirectory)
    {
        var rate = PlainBitrate.For(source, ceilingBytes);
        var passLog = Path.Combine(workDirectory, "ffmpeg2pass");
        // Both passes keep the source's timestamps: left to the muxers' defaults, pass 1 (null) and pass 2 (MP4, constant
        // rate) see different frame counts on a variable-frame-rate source and x264 stops with "Incomplete MB-tree stats file".
        string[] video = ["-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "medium", "-b:v", rate.VideoKbps + "k", "-pix_fmt", "yuv420p", "-passlogfile", passLog];
        await Tool.RunAsync(tools.FfmpegPath, ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", source.Path, .. video,
            "-pass", "1", "-an", "-f", "null", "-"]);
        await Tool.RunAsync(tools.FfmpegPath, ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", source.Path, .. video,
            "-pass", "2", "-c:a", "aac", "-b:a", rate.AudioKbps + "k", "-ac", rate.AudioChannels.ToString(CultureInfo.InvariantCulture),
            .. (rate.AudioSampleRate is { } hz ? ["-ar", hz.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>()),
            "-movflags", "+faststart", outputPath]);
    }
}

/// <summary>HandBrakeCLI two-pass with its turbo first pass, x264 medium, source size, no cropping or filters.</summary>
internal sealed class HandBrakeContender(string handBrakePath) : IContender
{
    public string Name => "handbrake-2pass";

    public async Task EncodeAsync(MediaInfo source, long ceilingBytes, string outputPath, string workDirectory)
    {
        var rate = PlainBitrate.For(source, ceilingBytes);
        await Tool.RunAsync(handBrakePath,
            ["-i", source.Path, "-o", outputPath, "-f", "av_mp4", "-O", "-e", "x264", "--encoder-preset", "medium",
                "--encoder-profile", "high", "-b", rate.VideoKbps.ToString(CultureInfo.InvariantCulture), "--two-pass", "--turbo",
                "--crop-mode", "none", "--non-anamorphic", "-w", source.Video.DisplayWidth.ToString(CultureInfo.InvariantCulture),
                "-l", source.Video.DisplayHeight.ToString(CultureInfo.InvariantCulture), "--vfr",
                "-E", "av_aac", "-B", rate.AudioKbps.ToString(CultureInfo.InvariantCulture),
                "--mixdown", rate.AudioChannels == 1 ? "mono" : "stereo",
                .. (rate.AudioSampleRate is { } hz ? ["--arate", (hz / 1000.0).ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>())]);
    }
}
