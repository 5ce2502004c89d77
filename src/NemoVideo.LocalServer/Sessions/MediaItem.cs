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

    /// <summary>
    /// Where the picture ends, in milliseconds counted from its first frame (as trims count), when the sound runs on
    /// after it; null when unknown or when the picture lasts as long as the file. A trim that starts there has no picture.
    /// </summary>
    public long? VideoEndMs { get; init; }
}
