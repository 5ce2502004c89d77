using System.Text.Json.Serialization;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// What the user asked of the export so far. It rides in the draft as <c>m.compression</c> (snake_case), so a
/// client that sends the draft back gets exactly this; docs/local-server.md documents every field.
/// </summary>
public sealed record CompressionSettings
{
    public static readonly CompressionSettings None = new();

    /// <summary>Size ceiling in bytes (MB = 10^6, MiB = 2^20).</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Ceiling relative to the source size, e.g. 0.5 for "half the size".</summary>
    public double? SizeFraction { get; init; }

    /// <summary>Box the picture must fit in; height alone caps the short side ("720p").</summary>
    public int? Width { get; init; }

    public int? Height { get; init; }

    public double? FrameRate { get; init; }

    public bool? RemoveAudio { get; init; }

    public long? TrimStartMs { get; init; }

    public long? TrimEndMs { get; init; }

    /// <summary>mp4, webm or mov.</summary>
    public string? Container { get; init; }

    /// <summary>h264, h265 or vp9.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>balanced, high or smallest.</summary>
    public string? Quality { get; init; }

    [JsonIgnore]
    public bool IsEmpty => this == None;
}
