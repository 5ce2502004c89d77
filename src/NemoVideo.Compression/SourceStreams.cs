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

        /// <summary>Several audio streams: which one is kept and which are left out (a warning: content is dropped).</summary>
        public string? AudioNote { get; init; }

        /// <summary>Subtitle streams, which the compressed file does not carry (a warning: content is dropped).</summary>
        public string? SubtitleNote { get; init; }
    }

    public static Choice Choose(JsonElement streams, string formatName)
    {
        var all = streams.ValueKind == JsonValueKind.Array ? streams.EnumerateArray().ToList() : [];
        var videos = all.Select((stream, position) => (Stream: stream, Index: IndexOf(stream, position)))
            .Where(entry => FfprobeJson.Text(entry.Stream, "codec_type") == "video")
            .ToList();
        var audios = all.Select((stream, position) => (Stream: stream, Index: IndexOf(stream, position)))
            .Where(entry => FfprobeJson.Text(entry.Stream, "codec_type") == "audio")
            .ToList();
        var moving = videos.Where(entry => !IsStill(entry.Stream, formatName)).ToList();
        if (moving.Count == 0 && audios.Count > 0)
        {
            moving = videos.Where(entry => IsOneFramePicture(entry.Stream)).ToList();
        }

        var audio = audios
            .OrderByDescending(entry => IsDefault(entry.Stream))
            .ThenBy(entry => entry.Index)
            .Select(entry => ((JsonElement Stream, int Index)?)entry)
            .FirstOrDefault();

        if (moving.Count == 0)
        {
            var subtitles = all.Count(stream => FfprobeJson.Text(stream, "codec_type") == "subtitle");
            return new Choice(null, -1, audio?.Stream, audio?.Index ?? -1, null, Refusal(videos.Count > 0, audio, formatName, subtitles))
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
        var stills = videos.Where(entry => entry.Index != main.Index && IsStill(entry.Stream, formatName)).ToList();
        var stillNote = stills.Count > 0
            ? $"The source's {(stills.Count == 1 ? "picture" : "pictures")} "
              + string.Join(", ", stills.Select(entry => $"#{entry.Index} ({StillKind(entry.Stream)}, {Size(entry.Stream)})"))
              + $" {(stills.Count == 1 ? "is" : "are")} not carried into the compressed video; encoded the moving picture, stream #{main.Index}."
            : null;
        var audioNote = audios.Count > 1 && audio is { } kept
            ? $"The source has {audios.Count} audio streams; kept stream #{kept.Index} ({DescribeAudio(kept.Stream)}) and left out "
              + string.Join(", ", audios.Where(entry => entry.Index != kept.Index).Select(entry => $"#{entry.Index} ({DescribeAudio(entry.Stream)})"))
              + ". The compressed file carries one audio track; to keep another, make it the first (for example ffmpeg -i in.mkv -map 0:v -map 0:a:1 -c copy out.mkv)."
            : null;
        var subtitleStreams = all.Select((stream, position) => (Stream: stream, Index: IndexOf(stream, position)))
            .Where(entry => FfprobeJson.Text(entry.Stream, "codec_type") == "subtitle")
            .ToList();
        var subtitleNote = subtitleStreams.Count > 0
            ? $"The source's subtitle {(subtitleStreams.Count == 1 ? "stream" : "streams")} "
              + string.Join(", ", subtitleStreams.Select(entry => $"#{entry.Index} ({DescribeSubtitle(entry.Stream)})"))
              + $" {(subtitleStreams.Count == 1 ? "is" : "are")} not carried into the compressed video; to keep {(subtitleStreams.Count == 1 ? "it" : "them")}, "
              + "extract them first (for example ffmpeg -i in.mkv -map 0:s:0 subs.srt) and add them back afterwards."
            : null;
        return new Choice(main.Stream, main.Index, audio?.Stream, audio?.Index ?? -1, note, null)
        {
            StillNote = stillNote,
            AudioNote = audioNote,
            SubtitleNote = subtitleNote,
        };
    }

    private static string DescribeSubtitle(JsonElement stream)
    {
        var codec = FfprobeJson.Text(stream, "codec_name") ?? "unknown codec";
        return stream.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            && tags.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            && language.GetString() is { Length: > 0 } code && code != "und"
            ? $"{codec}, {code}"
            : codec;
    }

    private static string Refusal(bool hasStillPicture, (JsonElement Stream, int Index)? audio, string formatName, int subtitles)
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

        if (subtitles > 0)
        {
            return $"it holds only subtitles ({subtitles} subtitle stream{(subtitles == 1 ? string.Empty : "s")}, {formatName}) and no video: "
                + "there is no picture to compress. Compress the video these subtitles belong to";
        }

        return "it has no video or audio stream. Supply an MP4, MOV, WebM, MKV or similar video";
    }

    /// <summary>
    /// Cover art (MP4's attached_pic; Matroska's image attachments, or a one-frame picture track written from an MP4
    /// cover), and any stream of one frame: a PNG/JPEG image, a camera's thumbnail track, a one-frame H.264 "video".
    /// </summary>
    private static bool IsStill(JsonElement stream, string formatName)
    {
        if (Disposition(stream, "attached_pic") || Disposition(stream, "still_image") || IsImageAttachment(stream))
        {
            return true;
        }

        var codec = FfprobeJson.Text(stream, "codec_name") ?? string.Empty;
        var frames = FrameCount(stream);
        if (frames is 1)
        {
            return true;
        }

        var imageFormat = formatName.EndsWith("_pipe", StringComparison.Ordinal) || formatName == "image2";
        return StillImageCodecs.Contains(codec) && (frames is <= 1 || (frames is null && imageFormat));
    }

    /// <summary>
    /// With sound and no moving picture, a one-frame stream of a video codec not flagged as a picture is the video's
    /// picture, not cover art: a song "video" made from one image and its sound (ffmpeg -i image -i song -c:v libx264).
    /// </summary>
    private static bool IsOneFramePicture(JsonElement stream) =>
        FrameCount(stream) is 1 && !StillImageCodecs.Contains(FfprobeJson.Text(stream, "codec_name") ?? string.Empty)
        && !Disposition(stream, "attached_pic") && !Disposition(stream, "still_image") && !IsImageAttachment(stream);

    /// <summary>A Matroska attachment ffmpeg shows as a video stream: its mimetype tag says image/....</summary>
    private static bool IsImageAttachment(JsonElement stream) =>
        stream.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
        && tags.EnumerateObject().Any(tag => string.Equals(tag.Name, "mimetype", StringComparison.OrdinalIgnoreCase)
            && tag.Value.ValueKind == JsonValueKind.String && tag.Value.GetString()!.StartsWith("image/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The stream's frame count: ffprobe's nb_frames, else its length times its frame rate (Matroska's DURATION tag); null when unknown.</summary>
    private static long? FrameCount(JsonElement stream)
    {
        if (FfprobeJson.Number(stream, "nb_frames") is { } counted)
        {
            return (long)counted;
        }

        var rate = RateOf(FfprobeJson.Text(stream, "avg_frame_rate")) is > 0 and var average ? average : RateOf(FfprobeJson.Text(stream, "r_frame_rate"));
        return StreamDuration.Seconds(stream) is { } seconds && rate is > 0 and < 1000
            ? Math.Max(1, (long)Math.Round(seconds * rate))
            : null;
    }

    private static double RateOf(string? fraction)
    {
        var parts = (fraction ?? string.Empty).Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var numerator)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var denominator)
            && denominator > 0
            ? numerator / denominator
            : 0;
    }

    private static string StillKind(JsonElement stream) =>
        (Disposition(stream, "still_image") ? "still picture" : "cover picture") + ", " + (FfprobeJson.Text(stream, "codec_name") ?? "unknown codec");

    private static string DescribeAudio(JsonElement stream)
    {
        var parts = new List<string> { FfprobeJson.Text(stream, "codec_name") ?? "unknown codec" };
        if (FfprobeJson.Number(stream, "channels") is { } channels)
        {
            parts.Add($"{channels} ch");
        }

        if (stream.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
        {
            parts.AddRange(tags.EnumerateObject()
                .Where(tag => tag.Name is "language" or "title" && tag.Value.ValueKind == JsonValueKind.String && tag.Value.GetString() != "und")
                .Select(tag => tag.Value.GetString()!));
        }

        if (IsDefault(stream))
        {
            parts.Add("default");
        }

        return string.Join(", ", parts);
    }

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
