using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>How one uploaded file is shown in upload answers and in <c>video_infos</c>.</summary>
internal static class MediaView
{
    public static object Of(MediaItem media, string baseUrl) => new
    {
        media_id = media.Id,
        name = media.Name,
        url = DraftBuilder.MediaUrl(baseUrl, media),
        type = media.Kind.ToString().ToLowerInvariant(),
        size = media.SizeBytes,
        duration_ms = media.DurationMs,
        width = media.Width,
        height = media.Height,
        has_audio = media.HasAudio,
    };
}
