namespace NemoVideo.Compression;

/// <summary>What ffprobe says about a file, reduced to what planning an encode needs.</summary>
public sealed record MediaInfo
{
    public required string Path { get; init; }
    public required long SizeBytes { get; init; }
    /// <summary>Length of the content: end − start of its timestamps (which need not start at zero).</summary>
    public required double DurationSeconds { get; init; }
    /// <summary>The container's first timestamp (ffmpeg's -ss counts from here, so trims are relative to it).</summary>
    public double StartSeconds { get; init; }
    /// <summary>Where the chosen video stream's last frame ends, counted from <see cref="StartSeconds"/>; null when unknown.</summary>
    public double? VideoEndSeconds { get; init; }
    /// <summary>Where the chosen audio stream ends by its header, counted from <see cref="StartSeconds"/>; null when unknown
    /// or no longer what the file holds (a recording found cut off).</summary>
    public double? AudioEndSeconds { get; init; }
    /// <summary>
    /// How far after <see cref="StartSeconds"/> the chosen video stream's first frame comes (audio can start earlier:
    /// a camera or a muxer that offsets the picture); 0 when the picture starts with the file. Trims count from that
    /// first frame, so a kept window never opens on a stretch with sound but no picture.
    /// </summary>
    public double VideoStartSeconds { get; init; }
    /// <summary>The duration was measured from packet timestamps because the header lacked it or started late.</summary>
    public bool DurationMeasured { get; init; }
    /// <summary>ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm".</summary>
    public required string FormatName { get; init; }
    public long? BitRate { get; init; }
    public required VideoStreamInfo Video { get; init; }
    public AudioStreamInfo? Audio { get; init; }
    /// <summary>Choices made while reading the file that the user should hear about (e.g. which of several video streams).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The notes that mean the output lacks something the source has (a video stream left out, a recording
    /// that could be read only in part); the same strings as in <see cref="Notes"/>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Several audio streams: which one a compression keeps (also in <see cref="Notes"/> and <see cref="Warnings"/>);
    /// it does not apply to an output without audio.</summary>
    public string? AudioStreamsNote { get; init; }
    /// <summary>Set when the file ends before the length its header claims (a recording cut off mid-write): the
    /// header's length in seconds; <see cref="DurationSeconds"/> is then what could be read.</summary>
    public double? ClaimedDurationSeconds { get; init; }
}

public sealed record VideoStreamInfo
{
    /// <summary>ffprobe's absolute stream index; every ffmpeg command maps this stream (it is not always stream 0).</summary>
    public int StreamIndex { get; init; }
    public required string Codec { get; init; }
    /// <summary>Coded size, before rotation metadata is applied.</summary>
    public required int CodedWidth { get; init; }
    public required int CodedHeight { get; init; }
    /// <summary>Rotation metadata in quarter turns (0, 90, 180, 270) as ffprobe reports it; ffmpeg applies it when decoding.</summary>
    public int Rotation { get; init; }
    public double SampleAspectRatio { get; init; } = 1;
    public required string PixelFormat { get; init; }
    public double FrameRate { get; init; }
    public bool IsVariableFrameRate { get; init; }
    public long? FrameCount { get; init; }
    public long? BitRate { get; init; }
    public string? ColorTransfer { get; init; }
    public string? ColorPrimaries { get; init; }
    public string? ColorSpace { get; init; }
    public string? ColorRange { get; init; }

    /// <summary>Width as shown: rotation and non-square pixels applied.</summary>
    public int DisplayWidth => IsQuarterTurn ? CodedHeight : (int)Math.Round(CodedWidth * SampleAspectRatio);

    public int DisplayHeight => IsQuarterTurn ? (int)Math.Round(CodedWidth * SampleAspectRatio) : CodedHeight;

    public bool IsQuarterTurn => Rotation is 90 or 270;

    /// <summary>PQ or HLG transfer: needs tone mapping to look right as 8-bit SDR.</summary>
    public bool IsHdr => ColorTransfer is "smpte2084" or "arib-std-b67";
}

public sealed record AudioStreamInfo
{
    /// <summary>ffprobe's absolute stream index.</summary>
    public int StreamIndex { get; init; }
    public required string Codec { get; init; }
    public required int Channels { get; init; }
    public required int SampleRate { get; init; }
    public long? BitRate { get; init; }
}

/// <summary>One stream of any media file as ffprobe lists it; <paramref name="Kind"/> is ffprobe's codec_type ("video", "audio", ...).</summary>
public sealed record MediaStream(string Kind, int? Width, int? Height, double? DurationSeconds);
