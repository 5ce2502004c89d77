using System.Globalization;
using System.Text.Json;

namespace NemoVideo.Compression;

/// <summary>
/// One stream's length in seconds as ffprobe reports it. Matroska/WebM streams carry no <c>duration</c> field (or one
/// ffprobe estimated from the whole file), but the muxer writes a per-stream <c>DURATION</c> tag
/// (<c>HH:MM:SS.nnnnnnnnn</c>) and sometimes <c>NUMBER_OF_FRAMES</c>; those are preferred, then the duration field, then
/// the frame count over the frame rate.
/// </summary>
internal static class StreamDuration
{
    public static double? Seconds(JsonElement stream)
    {
        if (Tag(stream, "DURATION") is { } tagged && TryParseClock(tagged, out var clock) && clock > 0)
        {
            return clock;
        }

        var frames = FfprobeJson.Number(stream, "nb_frames")
            ?? (Tag(stream, "NUMBER_OF_FRAMES") is { } counted && double.TryParse(counted, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);
        var rate = Rate(FfprobeJson.Text(stream, "avg_frame_rate")) is > 0 and var average ? average : Rate(FfprobeJson.Text(stream, "r_frame_rate"));
        if (frames is > 0 && rate > 0)
        {
            return frames.Value / rate;
        }

        return FfprobeJson.Number(stream, "duration") is > 0 and var field ? field : null;
    }

    /// <summary>Parses <c>HH:MM:SS.fraction</c> (any number of fraction digits).</summary>
    internal static bool TryParseClock(string text, out double seconds)
    {
        seconds = 0;
        var parts = text.Trim().Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rest))
        {
            return false;
        }

        seconds = hours * 3600 + minutes * 60 + rest;
        return true;
    }

    private static string? Tag(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Tag names keep the muxer's case (DURATION, duration, DURATION-eng), so match the name ignoring case and language.
        foreach (var tag in tags.EnumerateObject())
        {
            var key = tag.Name.Split('-')[0];
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && tag.Value.ValueKind == JsonValueKind.String)
            {
                return tag.Value.GetString();
            }
        }

        return null;
    }

    private static double Rate(string? fraction)
    {
        var parts = (fraction ?? string.Empty).Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            && denominator > 0
            ? numerator / denominator
            : 0;
    }
}
