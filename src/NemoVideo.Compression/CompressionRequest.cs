namespace NemoVideo.Compression;

/// <summary>What the caller wants from one compression. Every member is optional; the defaults give
/// H.264 High, yuv420p, MP4 with faststart, quality-based (CRF) encoding.</summary>
public sealed record CompressionRequest
{
    /// <summary>Hard ceiling for the output file in bytes; never exceeded.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Ceiling relative to the source size (0.5 = half the source). Combined with <see cref="MaxBytes"/>, the smaller wins.</summary>
    public double? SizeFraction { get; init; }

    /// <summary>Target box width. With <see cref="Height"/> the picture is fitted inside the box; alone it caps the width.</summary>
    public int? Width { get; init; }

    /// <summary>Target box height. Alone it reads like "720p": it caps the short side, so portrait clips keep their orientation.</summary>
    public int? Height { get; init; }

    public double? FrameRate { get; init; }

    public bool RemoveAudio { get; init; }

    public TimeSpan? TrimStart { get; init; }

    public TimeSpan? TrimEnd { get; init; }

    /// <summary>mp4, webm or mov.</summary>
    public string Container { get; init; } = "mp4";

    /// <summary>h264, h265 or vp9. WebM carries only VP9 here, so h264/h265 with webm become vp9.</summary>
    public string VideoCodec { get; init; } = "h264";

    public QualityPreference Quality { get; init; } = QualityPreference.Balanced;

    /// <summary>Replace an existing output file; without it an existing file is an error.</summary>
    public bool Overwrite { get; init; }
}

public enum QualityPreference
{
    Balanced,
    High,
    Smallest,
}
