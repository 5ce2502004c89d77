namespace NemoVideo.LocalServer.Uploads;

/// <summary>The file types the contract accepts, by extension, and what kind of media each is.</summary>
public static class AcceptedMediaTypes
{
    private static readonly Dictionary<string, Sessions.MediaKind> KindsByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = Sessions.MediaKind.Video,
        [".mov"] = Sessions.MediaKind.Video,
        [".avi"] = Sessions.MediaKind.Video,
        [".webm"] = Sessions.MediaKind.Video,
        [".mkv"] = Sessions.MediaKind.Video,
        [".jpg"] = Sessions.MediaKind.Image,
        [".png"] = Sessions.MediaKind.Image,
        [".gif"] = Sessions.MediaKind.Image,
        [".webp"] = Sessions.MediaKind.Image,
        [".mp3"] = Sessions.MediaKind.Audio,
        [".wav"] = Sessions.MediaKind.Audio,
        [".m4a"] = Sessions.MediaKind.Audio,
        [".aac"] = Sessions.MediaKind.Audio,
    };

    public static IEnumerable<string> Extensions => KindsByExtension.Keys.Select(extension => extension[1..]);

    public static Sessions.MediaKind? KindOf(string fileName) =>
        KindsByExtension.TryGetValue(Path.GetExtension(fileName), out var kind) ? kind : null;
}
