namespace NemoVideo.Compression;

internal enum VideoCodecKind
{
    H264,
    H265,
    Vp9,
}

/// <summary>Everything decided before ffmpeg runs: what to encode, how big, and which strategies may be tried.</summary>
internal sealed record EncodePlan
{
    public required MediaInfo Source { get; init; }
    public required OutputContainer Container { get; init; }
    public required VideoCodecKind Codec { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    /// <summary>The largest display size allowed (source size fitted in the requested box); <see cref="Width"/> may be smaller.</summary>
    public double BoxWidth { get; init; }
    public double BoxHeight { get; init; }
    /// <summary>Output frame rate when it must change; null keeps the source timing.</summary>
    public double? FrameRate { get; init; }
    public TimeSpan? Start { get; init; }
    public required double DurationSeconds { get; init; }
    /// <summary>
    /// How many of those seconds have picture: less than <see cref="DurationSeconds"/> when the sound runs on after the
    /// last frame (a slideshow whose music plays on). The video bitrate, the frame count and every sample are counted
    /// over this, since x264 spreads its bitrate over the frames it gets and a sample past the last frame is empty.
    /// </summary>
    public required double PictureSeconds { get; init; }
    /// <summary>Frames per second of the output: the requested rate, else the source's (30 when it gives none).</summary>
    public double OutputFrameRate => RateOf(Source, FrameRate);
    /// <summary>The requested frame rate, else the source's, else 30 (a probe that gives none).</summary>
    internal static double RateOf(MediaInfo source, double? requested) => requested ?? (source.Video.FrameRate > 0 ? source.Video.FrameRate : 30);
    /// <summary>The frames the output's picture is expected to have (<see cref="PictureSeconds"/> × <see cref="OutputFrameRate"/>).</summary>
    public double ExpectedFrames => PictureSeconds * OutputFrameRate;
    public required bool Trimmed { get; init; }
    public required AudioPlan? Audio { get; init; }
    public required int QualityCrf { get; init; }
    /// <summary>The hard ceiling (request or relative size), if any.</summary>
    public long? CeilingBytes { get; init; }
    /// <summary>The size the encode aims under: the ceiling, or the source's own size when that is smaller (never inflate).</summary>
    public long? CapBytes { get; init; }
    /// <summary>Two-pass bitrate plan; null when no cap applies or the source already fits.</summary>
    public BitrateBudget? Budget { get; init; }
    /// <summary>Streams can be copied unchanged into the requested container.</summary>
    public required bool CanRemux { get; init; }
    /// <summary>A copy is possible and, by the probe's stream sizes, fits the cap: only then is it written (and verified).</summary>
    public bool CopyFitsCap { get; init; }
    /// <summary>A quality (CRF) encode is tried first, because the source already fits the cap.</summary>
    public required bool TryQualityFirst { get; init; }
}

/// <summary>An ffmpeg muxer, and whether its index can be moved to the front for streaming.</summary>
internal sealed record OutputContainer(string Muxer, bool FastStart)
{
    public static readonly OutputContainer Mp4 = new("mp4", true);
    public static readonly OutputContainer Mov = new("mov", true);
    public static readonly OutputContainer WebM = new("webm", false);
}

/// <param name="SampleRate">Hz to resample to; null keeps the source's (only the rungs a tight ceiling forces go lower).</param>
internal sealed record AudioPlan(bool Copy, string Encoder, int BitsPerSecond, int Channels, int? SampleRate = null)
{
    public static AudioPlan CopySource { get; } = new(true, "copy", 0, 0);
}

/// <summary>How a byte cap is split: audio first, container overhead estimated, the rest is video.</summary>
internal sealed record BitrateBudget(long CapBytes, long AudioBytes, long OverheadBytes, long VideoBitsPerSecond)
{
    public long NonVideoBytes => AudioBytes + OverheadBytes;
}
