namespace NemoVideo.LocalServer.Sessions;

public enum MediaKind
{
    Video,
    Audio,
    Image,
}

/// <summary>One uploaded file, stored under the data directory and probed with ffprobe.</summary>
/// <param name="DownloadKey">Unguessable key of its public URL, so the file can be fetched without a token.</param>
public sealed record MediaItem(
    string Id,
    string Name,
    string FilePath,
    long SizeBytes,
    MediaKind Kind,
    long? DurationMs,
    int? Width,
    int? Height,
    bool HasAudio,
    string DownloadKey)
{
    /// <summary>Frames per second of a video, as the engine's prober reads it; null when unknown.</summary>
    public double? FrameRate { get; init; }
}
