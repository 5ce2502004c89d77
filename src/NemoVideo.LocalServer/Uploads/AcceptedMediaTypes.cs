using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>
/// The file types the contract accepts, by extension, and what kind of media each is. Local extension: MPEG transport
/// streams (.ts from screen recorders and TV captures, .m2ts/.mts from AVCHD cameras), which ffmpeg reads well, are
/// accepted as video too; the hosted service does not list them (docs/local-server.md).
/// </summary>
public static class AcceptedMediaTypes
{
    private static readonly (MediaKind Kind, string[] Extensions)[] Groups =
    [
        (MediaKind.Video, ["mp4", "mov", "avi", "webm", "mkv", "ts", "m2ts", "mts"]),
        (MediaKind.Image, ["jpg", "png", "gif", "webp"]),
        (MediaKind.Audio, ["mp3", "wav", "m4a", "aac"]),
    ];

    private static readonly Dictionary<string, MediaKind> KindsByExtension = Groups
        .SelectMany(group => group.Extensions.Select(extension => (Extension: "." + extension, group.Kind)))
        .ToDictionary(entry => entry.Extension, entry => entry.Kind, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Extensions => Groups.SelectMany(group => group.Extensions);

    public static MediaKind? KindOf(string fileName) =>
        KindsByExtension.TryGetValue(Path.GetExtension(fileName), out var kind) ? kind : null;
}
