using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>Builds ffmpeg argument lists for the remux, the quality encode and the two passes of a budget encode.</summary>
internal static class FfmpegArguments
{
    public static List<string> Remux(EncodePlan plan, string outputPath)
    {
        var arguments = Common(plan);
        arguments.AddRange(["-map", VideoStream(plan)]);
        if (plan.Audio is not null)
        {
            arguments.AddRange(["-map", AudioStream(plan)]);
        }

        arguments.AddRange(["-c", "copy"]);
        arguments.AddRange(Muxer(plan, outputPath));
        return arguments;
    }

    public static List<string> Quality(EncodePlan plan, string outputPath) =>
        Encode(plan, VideoEncoder.QualityArguments(plan), outputPath);

    public static List<string> BudgetCrf(EncodePlan plan, double crf, string outputPath) =>
        Encode(plan, VideoEncoder.BudgetCrfArguments(plan, crf), outputPath);

    public static List<string> AverageBitrate(EncodePlan plan, long videoBitsPerSecond, string outputPath) =>
        Encode(plan, VideoEncoder.AverageBitrateArguments(videoBitsPerSecond), outputPath);

    /// <param name="atOnePassPreset">See <see cref="VideoEncoder.PassArguments"/>.</param>
    public static List<string> FirstPass(EncodePlan plan, long videoBitsPerSecond, string statsPrefix, bool atOnePassPreset = false)
    {
        var arguments = Common(plan);
        arguments.AddRange(["-map", VideoStream(plan), "-vf", VideoFilterChain.Build(plan), "-fps_mode", "vfr"]);
        arguments.AddRange(VideoEncoder.PassArguments(plan, videoBitsPerSecond, 1, statsPrefix, atOnePassPreset));
        arguments.AddRange(["-an", "-f", "null", "-"]);
        return arguments;
    }

    /// <param name="atOnePassPreset">See <see cref="VideoEncoder.PassArguments"/>.</param>
    public static List<string> SecondPass(EncodePlan plan, long videoBitsPerSecond, string statsPrefix, string outputPath, bool atOnePassPreset = false) =>
        Encode(plan, VideoEncoder.PassArguments(plan, videoBitsPerSecond, 2, statsPrefix, atOnePassPreset), outputPath);

    /// <summary>The picture of <paramref name="encodedPath"/> as it is, with the plan's sound encoded again from the source
    /// (the same window, so the two stay in step).</summary>
    public static List<string> ReplaceAudio(EncodePlan plan, string encodedPath, string outputPath)
    {
        var arguments = Common(plan);
        arguments.AddRange(["-i", encodedPath, "-map", "1:v:0", "-map", AudioStream(plan), "-c:v", "copy"]);
        arguments.AddRange(Audio(plan.Audio));
        arguments.AddRange(Muxer(plan, outputPath));
        return arguments;
    }

    /// <summary>An encode into the output: the plan's mapping and filters, the given video encoder arguments, its audio, its muxer.</summary>
    private static List<string> Encode(EncodePlan plan, IEnumerable<string> videoArguments, string outputPath)
    {
        var arguments = Common(plan);
        arguments.AddRange(Mapping(plan));
        arguments.AddRange(videoArguments);
        arguments.AddRange(Audio(plan.Audio));
        arguments.AddRange(Muxer(plan, outputPath));
        return arguments;
    }

    private static List<string> Common(EncodePlan plan)
    {
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1" };
        if (plan.Start is { } start)
        {
            arguments.AddRange(["-ss", Seconds(start.TotalSeconds)]);
        }

        if (plan.Trimmed)
        {
            arguments.AddRange(["-t", Seconds(plan.DurationSeconds)]);
        }

        arguments.AddRange(["-i", plan.Source.Path]);
        return arguments;
    }

    /// <summary>Both passes use the same fps mode: a variable-frame-rate source otherwise gives pass 2 a different frame count.</summary>
    private static IEnumerable<string> Mapping(EncodePlan plan)
    {
        List<string> mapping = ["-map", VideoStream(plan), "-vf", VideoFilterChain.Build(plan), "-fps_mode", "vfr"];
        if (plan.Source.Video.IsHdr)
        {
            mapping.AddRange(["-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"]);
        }

        if (plan.Audio is not null)
        {
            mapping.AddRange(["-map", AudioStream(plan)]);
        }

        return mapping;
    }

    /// <summary>The prober's choice by absolute index: the picture is not always the first video stream (cover art, thumbnails).</summary>
    private static string VideoStream(EncodePlan plan) => "0:" + plan.Source.Video.StreamIndex.ToString(CultureInfo.InvariantCulture);

    private static string AudioStream(EncodePlan plan) => "0:" + plan.Source.Audio!.StreamIndex.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> Audio(AudioPlan? audio) => audio switch
    {
        null => ["-an"],
        { Copy: true } => ["-c:a", "copy"],
        _ => ["-c:a", audio.Encoder, "-b:a", audio.BitsPerSecond.ToString(CultureInfo.InvariantCulture),
            "-ac", audio.Channels.ToString(CultureInfo.InvariantCulture),
            .. (audio.SampleRate is { } rate ? ["-ar", rate.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>())],
    };

    private static IEnumerable<string> Muxer(EncodePlan plan, string outputPath)
    {
        List<string> muxer = ["-map_metadata", "-1", "-map_chapters", "-1", "-f", plan.Container.Muxer];
        if (plan.Container.FastStart)
        {
            muxer.AddRange(["-movflags", "+faststart"]);
        }

        muxer.Add(outputPath);
        return muxer;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}
