using System.Text.Json;

namespace NemoVideo.Compression;

/// <summary>
/// Picks the streams a compression encodes out of everything ffprobe lists. The picture is not always stream 0: cover
/// art (<c>attached_pic</c>), thumbnail tracks, timecode/data and subtitle streams can come first, and some files carry
/// several real video streams. The main video is the real (moving) picture among those at least half as long as the
/// longest (a short insert or thumbnail track is not the main video), the default-flagged one first, then the most pixels; audio is the default-flagged audio stream, else the first.
/// </summary>
internal static class SourceStreams
{
    private static readonly string[] StillImageCodecs = ["png", "mjpeg", "bmp", "gif", "webp", "tiff"];

    /// <summary>The chosen streams (absolute ffprobe indexes), or why there is no video to compress.</summary>
    /// <param name="Note">Several real video streams: which was encoded and which were left out (a warning: content is dropped).</param>
    internal sealed record Choice(JsonElement? Video, int VideoIndex, JsonElement? Audio, int AudioIndex, string? Note, string? Refusal)
    {
        /// <summary>With <see cref="Refusal"/>: what the file is instead of a video.</summary>
        public MediaProblem Problem { get; init; } = MediaProblem.NoVideo;

        /// <summary>Cover art or thumbnail pictures beside the video, which the compressed file does not carry.</summary>
        public string? StillNote { get; init; }
    }

    public static Choice Choose(JsonElement streams, string formatName)
    {
        var all = streams.ValueKind == JsonValueKind.Array ? streams.EnumerateArray().ToList() : [];
        var videos = all.Select((stream, position) => (Stream: stream, Index: IndexOf(stream, position)))
            .Where(entry => FfprobeJson.Text(entry.Stream, "codec_type") == "video")
            .ToList();
        var moving = videos.Where(entry => !IsStill(entry.Stream, formatName)).ToList();
        var audio = all.Select((stream, position) => (Stream: stream, Index: IndexOf(stream, position)))
            .Where(entry => FfprobeJson.Text(entry.Stream, "codec_type") == "audio")
            .OrderByDescending(entry => IsDefault(entry.Stream))
            .ThenBy(entry => entry.Index)
            .Select(entry => ((JsonElement Stream, int Index)?)entry)
            .FirstOrDefault();

        if (moving.Count == 0)
        {
            return new Choice(null, -1, audio?.Stream, audio?.Index ?? -1, null, Refusal(videos.Count > 0, audio, formatName))
            {
                Problem = audio is not null ? MediaProblem.AudioOnly : videos.Count > 0 ? MediaProblem.StillImage : MediaProblem.NoVideo,
            };
        }

        // An insert or thumbnail track is far shorter than the main picture; among streams of comparable length the
        // default-flagged one is the main video, then the largest picture.
        var longest = moving.Max(entry => StreamDuration.Seconds(entry.Stream) ?? 0);
        var main = moving
            .OrderByDescending(entry => IsComparable(StreamDuration.Seconds(entry.Stream), longest))
            .ThenByDescending(entry => IsDefault(entry.Stream))
            .ThenByDescending(entry => Pixels(entry.Stream))
            .ThenBy(entry => entry.Index)
            .First();
        var note = moving.Count > 1
            ? $"The source has {moving.Count} video streams; encoded stream #{main.Index} "
              + $"({Describe(main.Stream)}, the main picture) and left out "
              + string.Join(", ", moving.Where(entry => entry.Index != main.Index).Select(entry => $"#{entry.Index} ({Describe(entry.Stream)})")) + "."
            : null;
        var stills = videos.Where(entry => IsStill(entry.Stream, formatName)).ToList();
        var stillNote = stills.Count > 0
            ? $"The source's {(stills.Count == 1 ? "picture" : "pictures")} "
              + string.Join(", ", stills.Select(entry => $"#{entry.Index} ({StillKind(entry.Stream)}, {Size(entry.Stream)})"))
              + $" {(stills.Count == 1 ? "is" : "are")} not carried into the compressed video; encoded the moving picture, stream #{main.Index}."
            : null;
        return new Choice(main.Stream, main.Index, audio?.Stream, audio?.Index ?? -1, note, null) { StillNote = stillNote };
    }

    private static string Refusal(bool hasStillPicture, (JsonElement Stream, int Index)? audio, string formatName)
    {
        if (audio is { } sound)
        {
            return $"it holds only audio ({FfprobeJson.Text(sound.Stream, "codec_name") ?? "unknown codec"}{(hasStillPicture ? " with a cover picture" : string.Empty)}): "
                + "there is no moving picture to compress as video. Upload it as an audio file (for example .m4a or .mp3) instead";
        }

        if (hasStillPicture)
        {
            return $"it is a still image ({formatName}), not a video. Upload it as an image (.png, .jpg, .webp or .gif) instead";
        }

        return "it has no video or audio stream. Supply an MP4, MOV, WebM, MKV or similar video";
    }

    /// <summary>Cover art, and single-frame picture codecs (a PNG/JPEG image, a camera's thumbnail track).</summary>
    private static bool IsStill(JsonElement stream, string formatName)
    {
        if (Disposition(stream, "attached_pic") || Disposition(stream, "still_image"))
        {
            return true;
        }

        var codec = FfprobeJson.Text(stream, "codec_name") ?? string.Empty;
        var frames = FfprobeJson.Number(stream, "nb_frames");
        var imageFormat = formatName.EndsWith("_pipe", StringComparison.Ordinal) || formatName == "image2";
        return StillImageCodecs.Contains(codec) && (frames is <= 1 || (frames is null && imageFormat));
    }

    private static string StillKind(JsonElement stream) =>
        (Disposition(stream, "attached_pic") ? "cover picture" : "still picture") + ", " + (FfprobeJson.Text(stream, "codec_name") ?? "unknown codec");

    /// <summary>Streams at least half as long as the longest count as main-picture candidates; an unknown length is not held against a stream.</summary>
    private static bool IsComparable(double? seconds, double longest) => seconds is not { } length || length >= longest * 0.5;

    private static string Size(JsonElement stream) => $"{FfprobeJson.Number(stream, "width")}x{FfprobeJson.Number(stream, "height")}";

    private static string Describe(JsonElement stream)
    {
        var size = Size(stream);
        return StreamDuration.Seconds(stream) is { } seconds
            ? size + ", " + seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s"
            : size;
    }

    private static double Pixels(JsonElement stream) =>
        (FfprobeJson.Number(stream, "width") ?? 0) * (FfprobeJson.Number(stream, "height") ?? 0);

    private static bool IsDefault(JsonElement stream) => Disposition(stream, "default");

    private static int IndexOf(JsonElement stream, int position) => (int?)FfprobeJson.Number(stream, "index") ?? position;

    private static bool Disposition(JsonElement stream, string name) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.TryGetProperty(name, out var flag)
        && flag.ValueKind == JsonValueKind.Number && flag.GetInt32() == 1;
}
