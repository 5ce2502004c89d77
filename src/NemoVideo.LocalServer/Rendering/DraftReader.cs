using System.Text.Json;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// Reads a draft sent to the render endpoint: the first segment of the first video track names the source (by
/// <c>media_id</c>), and <c>m.compression</c> says how to compress it. Only the draft counts, not the session's
/// current state, so a client gets exactly the draft it sent.
/// </summary>
public static class DraftReader
{
    private static readonly string[] Containers = ["mp4", "webm", "mov"];
    private static readonly string[] Codecs = ["h264", "h265", "vp9"];

    /// <param name="outputFormat">The render body's <c>output.format</c>; used when the draft names no container.</param>
    public static (RenderWork? Work, ApiError? Error) Read(JsonElement draft, Session session, string? outputFormat)
    {
        var mediaId = FirstVideoMediaId(draft);
        if (mediaId is null)
        {
            return (null, ApiErrors.BadRequest(NoVideoMessage(session)));
        }

        var source = session.FindMedia(mediaId);
        if (source is null || source.Kind != MediaKind.Video)
        {
            return (null, ApiErrors.BadRequest($"The draft's video segment names media '{mediaId}', which is not a video of this session."));
        }

        CompressionSettings settings;
        try
        {
            settings = ReadSettings(draft);
        }
        catch (JsonException error)
        {
            return (null, ApiErrors.BadRequest($"The draft's m.{DraftBuilder.SettingsKey} is not valid: {error.Message}"));
        }

        var problem = Validate(settings);
        if (problem is not null)
        {
            return (null, ApiErrors.BadRequest($"The draft's m.{DraftBuilder.SettingsKey} is not valid: {problem}"));
        }

        var container = settings.Container ?? (Containers.Contains(outputFormat?.ToLowerInvariant()) ? outputFormat!.ToLowerInvariant() : "mp4");
        return (new RenderWork(source, ToRequest(settings, container)), null);
    }

    /// <summary>Audio and images are accepted uploads (the contract lists them), but the engine compresses video only: say what the session holds.</summary>
    private static string NoVideoMessage(Session session)
    {
        var others = session.Media.Where(media => media.Kind != MediaKind.Video).ToList();
        if (others.Count == 0)
        {
            return "Nothing to export yet: the draft has no video segment. Upload a video first.";
        }

        var described = string.Join(", ", others.Select(media => $"'{media.Name}' is {(media.Kind == MediaKind.Audio ? "an audio-only file" : "a still image")}"));
        return $"{described}: there is nothing to compress as video. Upload a video (mp4, mov, webm, mkv or avi) to export.";
    }

    internal static CompressionRequest ToRequest(CompressionSettings settings, string container) => new()
    {
        MaxBytes = settings.MaxBytes,
        SizeFraction = settings.SizeFraction,
        Width = settings.Width,
        Height = settings.Height,
        FrameRate = settings.FrameRate,
        RemoveAudio = settings.RemoveAudio == true,
        TrimStart = settings.TrimStartMs is long start ? TimeSpan.FromMilliseconds(start) : null,
        TrimEnd = settings.TrimEndMs is long end ? TimeSpan.FromMilliseconds(end) : null,
        Container = container,
        VideoCodec = settings.VideoCodec ?? (container == "webm" ? "vp9" : "h264"),
        Quality = settings.Quality switch
        {
            "high" => QualityPreference.High,
            "smallest" => QualityPreference.Smallest,
            _ => QualityPreference.Balanced,
        },
    };

    private static string? FirstVideoMediaId(JsonElement draft)
    {
        if (draft.ValueKind != JsonValueKind.Object || !draft.TryGetProperty("t", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var track in tracks.EnumerateArray())
        {
            if (track.ValueKind == JsonValueKind.Object
                && track.TryGetProperty("tt", out var type) && type.ValueKind == JsonValueKind.Number && type.GetInt32() == DraftBuilder.VideoTrackType
                && track.TryGetProperty("sg", out var segments) && segments.ValueKind == JsonValueKind.Array)
            {
                foreach (var segment in segments.EnumerateArray())
                {
                    if (segment.ValueKind == JsonValueKind.Object && segment.TryGetProperty("media_id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        return id.GetString();
                    }
                }
            }
        }

        return null;
    }

    private static CompressionSettings ReadSettings(JsonElement draft) =>
        draft.TryGetProperty("m", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(DraftBuilder.SettingsKey, out var settings) && settings.ValueKind == JsonValueKind.Object
            ? settings.Deserialize<CompressionSettings>(ServerJson.Rest) ?? CompressionSettings.None
            : CompressionSettings.None;

    private static string? Validate(CompressionSettings settings) => settings switch
    {
        { MaxBytes: <= 0 } => "max_bytes must be more than 0.",
        { SizeFraction: <= 0 or >= 1 } => "size_fraction must be between 0 and 1.",
        { Width: <= 0 } or { Height: <= 0 } => "width and height must be more than 0.",
        { FrameRate: <= 0 or > 240 } => "frame_rate must be between 1 and 240.",
        { TrimStartMs: < 0 } => "trim_start_ms must be 0 or more.",
        { TrimStartMs: long start, TrimEndMs: long end } when end <= start => "trim_end_ms must be after trim_start_ms.",
        { Container: string container } when !Containers.Contains(container) => "container must be mp4, webm or mov.",
        { VideoCodec: string codec } when !Codecs.Contains(codec) => "video_codec must be h264, h265 or vp9.",
        { Quality: string quality } when quality is not ("balanced" or "high" or "smallest") => "quality must be balanced, high or smallest.",
        _ => null,
    };
}
