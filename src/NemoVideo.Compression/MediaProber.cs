using System.Globalization;
using System.Text.Json;

namespace NemoVideo.Compression;

/// <summary>Reads a media file's streams with ffprobe (JSON output) into a <see cref="MediaInfo"/>.</summary>
public sealed class MediaProber
{
    private readonly FfmpegTools _tools;

    public MediaProber(FfmpegTools? tools = null) => _tools = tools ?? FfmpegTools.Locate();

    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new CompressionException(CompressionFailure.InputNotFound, $"The file '{path}' does not exist.", path);
        }

        var outcome = await ToolProcess.RunAsync(_tools.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", path],
            onOutputLine: null, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            throw NotMedia(path, outcome.StandardErrorTail);
        }

        try
        {
            using var document = JsonDocument.Parse(outcome.StandardOutput);
            return FfprobeJson.ToMediaInfo(path, new FileInfo(path).Length, document.RootElement)
                ?? throw NotMedia(path, "it has no video stream with a known duration");
        }
        catch (JsonException error)
        {
            throw NotMedia(path, error.Message);
        }
    }

    /// <summary>
    /// The streams of any media file — audio and still images included, which <see cref="ProbeAsync"/> rejects because
    /// the engine only compresses video. Empty when ffprobe cannot read the file.
    /// </summary>
    public async Task<IReadOnlyList<MediaStream>> ProbeStreamsAsync(string path, CancellationToken cancellationToken = default)
    {
        var outcome = await ToolProcess.RunAsync(_tools.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_entries", "stream=codec_type,width,height,duration", "--", path],
            onOutputLine: null, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(outcome.StandardOutput);
            return FfprobeJson.ToStreams(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static CompressionException NotMedia(string path, string detail) =>
        new(CompressionFailure.NotMedia,
            $"'{Path.GetFileName(path)}' is not a readable video file ({LastLine(detail)}). Supply an MP4, MOV, WebM, MKV or similar video.",
            path);

    private static string LastLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? "ffprobe could not read it" : line;
    }
}

/// <summary>Maps ffprobe's -show_format -show_streams JSON onto <see cref="MediaInfo"/>.</summary>
internal static class FfprobeJson
{
    private static readonly string[] StillImageCodecs = ["png", "mjpeg", "bmp", "gif", "webp", "tiff"];

    public static IReadOnlyList<MediaStream> ToStreams(JsonElement root) =>
        root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array
            ? streams.EnumerateArray()
                .Select(stream => new MediaStream(
                    Text(stream, "codec_type") ?? "unknown",
                    (int?)Number(stream, "width"),
                    (int?)Number(stream, "height"),
                    Number(stream, "duration")))
                .ToList()
            : [];

    public static MediaInfo? ToMediaInfo(string path, long sizeBytes, JsonElement root)
    {
        if (!root.TryGetProperty("streams", out var streams) || !root.TryGetProperty("format", out var format))
        {
            return null;
        }

        var video = streams.EnumerateArray().FirstOrDefault(stream =>
            Text(stream, "codec_type") == "video" && !IsAttachedPicture(stream));
        var audio = streams.EnumerateArray().FirstOrDefault(stream => Text(stream, "codec_type") == "audio");
        if (video.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var duration = Number(format, "duration") ?? Number(video, "duration");
        var codec = Text(video, "codec_name") ?? "unknown";
        if (duration is null or <= 0 || (StillImageCodecs.Contains(codec) && Number(video, "nb_frames") is null or <= 1))
        {
            return null;
        }

        return new MediaInfo
        {
            Path = path,
            SizeBytes = sizeBytes,
            DurationSeconds = duration.Value,
            FormatName = Text(format, "format_name") ?? "unknown",
            BitRate = (long?)Number(format, "bit_rate"),
            Video = ToVideo(video, codec),
            Audio = audio.ValueKind == JsonValueKind.Object ? ToAudio(audio) : null,
        };
    }

    private static VideoStreamInfo ToVideo(JsonElement stream, string codec)
    {
        var nominalRate = Rational(Text(stream, "r_frame_rate"));
        var averageRate = Rational(Text(stream, "avg_frame_rate"));
        var frameRate = averageRate > 0 ? averageRate : nominalRate;
        return new VideoStreamInfo
        {
            Codec = codec,
            CodedWidth = (int)(Number(stream, "width") ?? 0),
            CodedHeight = (int)(Number(stream, "height") ?? 0),
            Rotation = Rotation(stream),
            SampleAspectRatio = SampleAspect(Text(stream, "sample_aspect_ratio")),
            PixelFormat = Text(stream, "pix_fmt") ?? "unknown",
            FrameRate = frameRate,
            // A nominal rate that differs from the average means frames are not evenly spaced.
            IsVariableFrameRate = nominalRate > 0 && averageRate > 0 && Math.Abs(nominalRate - averageRate) / nominalRate > 0.01,
            FrameCount = (long?)Number(stream, "nb_frames"),
            BitRate = (long?)Number(stream, "bit_rate"),
            ColorTransfer = Text(stream, "color_transfer"),
            ColorPrimaries = Text(stream, "color_primaries"),
            ColorSpace = Text(stream, "color_space"),
            ColorRange = Text(stream, "color_range"),
        };
    }

    private static AudioStreamInfo ToAudio(JsonElement stream) => new()
    {
        Codec = Text(stream, "codec_name") ?? "unknown",
        Channels = (int)(Number(stream, "channels") ?? 2),
        SampleRate = (int)(Number(stream, "sample_rate") ?? 48000),
        BitRate = (long?)Number(stream, "bit_rate"),
    };

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.TryGetProperty("attached_pic", out var attached)
        && attached.ValueKind == JsonValueKind.Number && attached.GetInt32() == 1;

    /// <summary>The display matrix rotation (older files: the rotate tag), normalised to 0/90/180/270.</summary>
    private static int Rotation(JsonElement stream)
    {
        double? degrees = null;
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            degrees = sideData.EnumerateArray().Select(entry => Number(entry, "rotation")).FirstOrDefault(value => value is not null);
        }

        if (degrees is null && stream.TryGetProperty("tags", out var tags))
        {
            degrees = Number(tags, "rotate");
        }

        var quarterTurns = (int)Math.Round((degrees ?? 0) / 90.0);
        return ((quarterTurns % 4) + 4) % 4 * 90;
    }

    private static double SampleAspect(string? ratio)
    {
        var parts = ratio?.Split(':');
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            || numerator <= 0 || denominator <= 0)
        {
            return 1;
        }

        return numerator / denominator;
    }

    private static double Rational(string? text)
    {
        var parts = text?.Split('/');
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            || denominator == 0)
        {
            return 0;
        }

        return numerator / denominator;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes most numbers as strings ("12.5"), some as JSON numbers.</summary>
    private static double? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
