namespace NemoVideo.Compression;

/// <summary>What was written, as measured by probing the finished file (not what was planned).</summary>
public sealed record CompressionResult
{
    public required string OutputPath { get; init; }
    public required long Bytes { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required double DurationSeconds { get; init; }
    public required string VideoCodec { get; init; }
    public string? AudioCodec { get; init; }
    public required string PixelFormat { get; init; }
    public double FrameRate { get; init; }
    /// <summary>The ceiling that applied, when one did.</summary>
    public long? CeilingBytes { get; init; }
    public required CompressionStrategy Strategy { get; init; }
    /// <summary>How many encodes wrote a candidate output: one-pass runs, second passes and CRF-search encodes (more than one
    /// when a size miss was corrected); first passes and the resolution trial's sample encodes are not counted.</summary>
    public int FinalPassRuns { get; init; }
    /// <summary>Choices the engine made about the source that the user should hear about (e.g. which of several video streams was encoded).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The notes that mean the output lacks something the source has (see <see cref="MediaInfo.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public enum CompressionStrategy
{
    /// <summary>Streams copied into the requested container; the source was already within budget.</summary>
    Remux,
    /// <summary>One quality-based (CRF) encode.</summary>
    Quality,
    /// <summary>Two-pass encode at a bitrate derived from the size budget: x265 and VP9 always, x264 on low-motion content or after a one-pass run that landed short.</summary>
    TwoPass,
    /// <summary>A clip too short for two-pass rate control (under 60 frames): quality values searched until the size fits the budget.</summary>
    SizeSearch,
    /// <summary>One-pass average-bitrate encode (x264 ABR with its lookahead) at a bitrate derived from the size budget.</summary>
    AverageBitrate,
}
