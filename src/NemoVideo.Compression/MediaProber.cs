using System.Globalization;
using System.Text.Json;

namespace NemoVideo.Compression;

/// <summary>Reads a media file's streams with ffprobe (JSON output) into a <see cref="MediaInfo"/>.</summary>
public sealed class MediaProber
{
    private readonly FfmpegTools _tools;

    public MediaProber(FfmpegTools? tools = null) => _tools = tools ?? FfmpegTools.Locate();

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        ProbeAsync(path, checkTail: true, cancellationToken);

    /// <summary>
    /// A file the engine's own ffmpeg just wrote and exited 0 on: it is whole by construction, so the check for a recording
    /// cut off before its header's end (<see cref="RecordingTail"/>) is skipped. That check is one more ffprobe run, and an
    /// ffprobe run costs 0.12–0.16 s before it reads anything (it loads every libav library), on every compression.
    /// </summary>
    internal Task<MediaInfo> ProbeWrittenAsync(string path, CancellationToken cancellationToken) =>
        ProbeAsync(path, checkTail: false, cancellationToken);

    private async Task<MediaInfo> ProbeAsync(string path, bool checkTail, CancellationToken cancellationToken)
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
            var standardError = outcome.StandardErrorTail.Replace(path + ": ", string.Empty, StringComparison.Ordinal);
            var (reason, problem) = Unreadable(path, standardError);
            throw NotMedia(path, reason, problem);
        }

        FfprobeJson.Reading reading;
        try
        {
            using var document = JsonDocument.Parse(outcome.StandardOutput);
            reading = FfprobeJson.Read(path, new FileInfo(path).Length, document.RootElement);
        }
        catch (JsonException error)
        {
            throw NotMedia(path, error.Message, MediaProblem.NotMedia);
        }

        if (reading.Refusal is not null)
        {
            // ffprobe reads what it can of an index cut short: no stream at all, or no video.
            throw EndsInsideIndex(path) ? NotMedia(path, EndsInsideIndexReason, MediaProblem.Truncated) : NotMedia(path, reading.Refusal, reading.Problem);
        }

        var info = reading.Info!;
        return reading.NeedsMeasuring ? await MeasureTimelineAsync(info, cancellationToken).ConfigureAwait(false)
            : checkTail ? await RecordingTail.CheckAsync(_tools, info, cancellationToken).ConfigureAwait(false)
            : info;
    }

    /// <summary>The header lacks a duration or its timestamps start late: take the length from the packets.</summary>
    private async Task<MediaInfo> MeasureTimelineAsync(MediaInfo info, CancellationToken cancellationToken)
    {
        var timeline = await PacketTimeline.MeasureAsync(_tools, info.Path, info.Video.StreamIndex, info.Audio?.StreamIndex ?? -1,
            cancellationToken).ConfigureAwait(false);
        if ((timeline is null || timeline.DurationSeconds <= 0) && info.DurationSeconds > 0)
        {
            // The packets say nothing more than the header; its figure is the best there is.
            return info;
        }

        if (timeline is null || timeline.DurationSeconds <= 0)
        {
            throw NotMedia(info.Path, "its duration cannot be read: the header has none and the video packets carry no timestamps", MediaProblem.NoVideo);
        }

        var video = info.Video;
        return info with
        {
            DurationSeconds = timeline.DurationSeconds,
            StartSeconds = timeline.FirstSeconds,
            VideoStartSeconds = Math.Max(0, info.StartSeconds + info.VideoStartSeconds - timeline.FirstSeconds),
            VideoEndSeconds = timeline.VideoEndFromStart,
            DurationMeasured = true,
            Video = video with
            {
                FrameCount = video.FrameCount ?? timeline.VideoPackets,
                FrameRate = video.FrameRate > 0 ? video.FrameRate : timeline.VideoPackets / timeline.DurationSeconds,
            },
        };
    }

    /// <summary>An MP4/MOV whose index comes first (faststart) cut off inside it: ffprobe says only "error reading header",
    /// or reads a part of the index and finds no stream or no video in it.</summary>
    private static bool EndsInsideIndex(string path) => Mp4Layout.BoxCutOff(path) == "moov";

    private const string EndsInsideIndexReason =
        "the file ends inside its index (the MP4/MOV 'moov' box, which this file keeps at its start), so it was cut off while "
        + "being copied or downloaded. Copy or download it again from the original";

    /// <summary>What ffprobe's error says about the file, in words that fit it, and which kind of unreadable file that is
    /// (each read of the file's start made once).</summary>
    internal static (string Reason, MediaProblem Problem) Unreadable(string path, string standardError)
    {
        if (EndsInsideIndex(path))
        {
            return (EndsInsideIndexReason, MediaProblem.Truncated);
        }

        var noIndex = standardError.Contains("moov atom not found", StringComparison.OrdinalIgnoreCase);
        // ffprobe says "moov atom not found" for anything named .mp4; only a file that starts like an MP4 was cut off.
        if (noIndex && StartsLikeIsoMedia(path))
        {
            return ("its index (the MP4/MOV 'moov' box) is missing, so the recording was cut off before it was finished "
                + "(a crash, a full disk or an interrupted copy). Copy it again from the original, or repair it with a tool "
                + "such as untrunc and a good recording from the same device", MediaProblem.Truncated);
        }

        if (noIndex || standardError.Contains("Invalid data found when processing input", StringComparison.OrdinalIgnoreCase))
        {
            return ("it is not a media file: ffprobe does not recognise its contents (was another kind of file renamed?). "
                + "Supply an MP4, MOV, WebM, MKV or similar video", MediaProblem.NotMedia);
        }

        return (LastLine(standardError) + ". Supply an MP4, MOV, WebM, MKV or similar video", MediaProblem.NotMedia);
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

    internal static CompressionException NotMedia(string path, string detail, MediaProblem problem) =>
        new(CompressionFailure.NotMedia,
            $"'{Path.GetFileName(path)}' cannot be compressed as a video: {detail}.",
            path) { Reason = detail, Problem = problem };

    /// <summary>MP4/MOV files begin with a box whose type is ftyp (or, in old QuickTime files, wide/free/mdat/moov).</summary>
    private static bool StartsLikeIsoMedia(string path)
    {
        var header = new byte[8];
        using var file = File.OpenRead(path);
        return file.Read(header, 0, 8) == 8
            && System.Text.Encoding.ASCII.GetString(header, 4, 4) is "ftyp" or "wide" or "free" or "mdat" or "moov" or "skip";
    }

    private static string LastLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? "ffprobe could not read it" : line;
    }
}

/// <summary>Maps ffprobe's -show_format -show_streams JSON onto <see cref="MediaInfo"/>.</summary>
internal static class FfprobeJson
{
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

    /// <summary>The video a file holds, or why it holds none; <see cref="NeedsMeasuring"/> when the header's timing cannot be trusted.</summary>
    internal sealed record Reading(MediaInfo? Info, string? Refusal, bool NeedsMeasuring)
    {
        public MediaProblem Problem { get; init; } = MediaProblem.NoVideo;
    }

    /// <summary>Timestamps that start further in than this are measured from packets (the header's duration may be the end time).</summary>
    private const double LateStartSeconds = 0.1;

    /// <summary>A picture that starts less than this after the file (a frame, or AAC priming before it) starts with it.</summary>
    private const double MinimumVideoOffsetSeconds = 0.05;

    public static MediaInfo? ToMediaInfo(string path, long sizeBytes, JsonElement root)
    {
        var reading = Read(path, sizeBytes, root);
        return reading.NeedsMeasuring ? null : reading.Info;
    }

    public static Reading Read(string path, long sizeBytes, JsonElement root)
    {
        if (!root.TryGetProperty("streams", out var streams) || !root.TryGetProperty("format", out var format))
        {
            return new Reading(null, "ffprobe listed no streams in it", false);
        }

        var formatName = Text(format, "format_name") ?? "unknown";
        var choice = SourceStreams.Choose(streams, formatName);
        if (choice.Video is not { } video)
        {
            if (choice.Problem == MediaProblem.StillImage && AnimatedPicture.IsAnimatedWebp(path))
            {
                return new Reading(null, AnimatedPicture.WebpRefusal, false) { Problem = MediaProblem.UnsupportedAnimation };
            }

            return new Reading(null, choice.Refusal, false) { Problem = choice.Problem };
        }

        var start = Number(format, "start_time") ?? 0;
        var headerDuration = Number(format, "duration") ?? Number(video, "duration");
        var videoStart = Number(video, "start_time");
        var videoDuration = Number(video, "duration") ?? StreamDuration.Seconds(video);
        var needsMeasuring = headerDuration is null or <= 0 || Math.Abs(start) > LateStartSeconds;
        var duration = headerDuration is > 0 ? headerDuration.Value : 0;
        var info = new MediaInfo
        {
            Path = path,
            SizeBytes = sizeBytes,
            DurationSeconds = duration,
            StartSeconds = start,
            VideoEndSeconds = videoStart is { } first && videoDuration is { } length ? first + length - start : null,
            AudioEndSeconds = choice.Audio is { } sound && Number(sound, "start_time") is { } soundStart
                && (Number(sound, "duration") ?? StreamDuration.Seconds(sound)) is { } soundLength ? soundStart + soundLength - start : null,
            VideoStartSeconds = videoStart is { } firstFrame && firstFrame - start > MinimumVideoOffsetSeconds ? firstFrame - start : 0,
            FormatName = formatName,
            BitRate = (long?)Number(format, "bit_rate"),
            Video = ToVideo(video, Text(video, "codec_name") ?? "unknown", choice.VideoIndex),
            Audio = choice.Audio is { } audio ? ToAudio(audio, choice.AudioIndex) : null,
            Notes = new[] { choice.Note, choice.AudioNote, choice.SubtitleNote, choice.StillNote }.OfType<string>().ToList(),
            Warnings = new[] { choice.Note, choice.AudioNote, choice.SubtitleNote }.OfType<string>().ToList(),
            AudioStreamsNote = choice.AudioNote,
        };
        return new Reading(info, null, needsMeasuring);
    }

    private static VideoStreamInfo ToVideo(JsonElement stream, string codec, int index)
    {
        var nominalRate = Rational(Text(stream, "r_frame_rate"));
        var averageRate = Rational(Text(stream, "avg_frame_rate"));
        var frameRate = averageRate > 0 ? averageRate : nominalRate;
        return new VideoStreamInfo
        {
            StreamIndex = index,
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

    private static AudioStreamInfo ToAudio(JsonElement stream, int index) => new()
    {
        StreamIndex = index,
        Codec = Text(stream, "codec_name") ?? "unknown",
        Channels = (int)(Number(stream, "channels") ?? 2),
        SampleRate = (int)(Number(stream, "sample_rate") ?? 48000),
        BitRate = (long?)Number(stream, "bit_rate"),
    };

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

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes most numbers as strings ("12.5"), some as JSON numbers.</summary>
    internal static double? Number(JsonElement element, string name)
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
