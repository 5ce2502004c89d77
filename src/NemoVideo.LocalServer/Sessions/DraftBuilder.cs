using System.Text.Json;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Api;

namespace NemoVideo.LocalServer.Sessions;

/// <summary>
/// Builds the session draft in the contract's short keys (<c>t</c>, <c>tt</c>, <c>sg</c>, <c>d</c>, <c>m</c>): the active
/// video on track 0, trimmed as asked, and the compression settings in <c>m.compression</c>.
/// </summary>
public static class DraftBuilder
{
    public const int VideoTrackType = 0;
    public const string SettingsKey = "compression";

    public static JsonObject Build(SessionSnapshot snapshot, string baseUrl)
    {
        var settings = snapshot.Settings;
        var tracks = new JsonArray();
        long durationMs = 0;
        if (snapshot.ActiveVideo is MediaItem video)
        {
            var sourceEnd = settings.TrimEndMs ?? video.DurationMs ?? 0;
            var sourceStart = settings.TrimStartMs ?? 0;
            durationMs = Math.Max(0, sourceEnd - sourceStart);
            tracks.Add(new JsonObject
            {
                ["tt"] = VideoTrackType,
                ["sg"] = new JsonArray(new JsonObject
                {
                    ["id"] = "sg_" + video.Id,
                    ["media_id"] = video.Id,
                    ["name"] = video.Name,
                    ["url"] = MediaUrl(baseUrl, video),
                    ["start"] = 0,
                    ["end"] = durationMs,
                    ["source_start"] = sourceStart,
                    ["source_end"] = sourceEnd,
                    ["volume"] = settings.RemoveAudio == true || !video.HasAudio ? 0.0 : 1.0,
                }),
            });
        }

        return new JsonObject
        {
            ["t"] = tracks,
            ["d"] = durationMs,
            ["m"] = new JsonObject
            {
                ["engine"] = "nemovideo-local",
                [SettingsKey] = JsonSerializer.SerializeToNode(settings, ServerJson.Rest),
            },
        };
    }

    public static string MediaUrl(string baseUrl, MediaItem media) =>
        $"{baseUrl}/media/{media.DownloadKey}/{Uri.EscapeDataString(media.Name)}";
}
