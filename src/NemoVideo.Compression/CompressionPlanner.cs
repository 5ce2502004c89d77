namespace NemoVideo.Compression;

/// <summary>Decides, from the probed source and the request, what the encode will be (see <see cref="EncodePlan"/>).</summary>
internal static class CompressionPlanner
{
    /// <summary>A picture that ends before this share of the length leaves the sound the share it does not need.</summary>
    private const double ShorterPicture = 0.95;

    /// <summary>
    /// What such a picture keeps, per second of picture, of the ceiling's rate over the whole length (a whole-length
    /// picture gets about 0.85 of it after 12 % for the sound and the container): the sound steps down the ladder until
    /// the picture has it, so a larger ceiling never leaves the picture a sliver.
    /// </summary>
    private const double PictureFloorShare = 0.75;

    public static EncodePlan Plan(MediaInfo source, CompressionRequest request)
    {
        var container = FormatChoice.Container(request.Container);
        var codec = FormatChoice.Codec(request.VideoCodec, container);
        var (start, duration) = TrimWindow(source, request);
        var pictureSeconds = PictureSeconds(source, start, duration);
        // A song "video" of one picture is a video only through its sound (SourceStreams): without it, one image is left,
        // which was found only after the encode, when the output was probed, under its temporary name.
        if (request.RemoveAudio && source.Audio is not null
            && (source.Video.FrameCount is 1 || pictureSeconds * EncodePlan.RateOf(source, null) < 1.5))
        {
            throw new CompressionException(CompressionFailure.InvalidRequest,
                "The source is one picture under its sound: without the sound no video is left. Keep the sound, "
                + "or take the picture as an image (for example ffmpeg -i <source> -frames:v 1 picture.png).", source.Path);
        }

        var frameRate = OutputFrameRate(source, request);
        var (boxWidth, boxHeight) = FitInBox(source.Video, request);
        var ceiling = Ceiling(source, request);
        var keepAudio = source.Audio is not null && !request.RemoveAudio;
        var pictureEndsFirst = pictureSeconds < duration * ShorterPicture;

        // The share of the source this output covers; if that already fits the ceiling, there is nothing to squeeze.
        var sourcePortionBytes = (long)(source.SizeBytes * Math.Min(1, duration / source.DurationSeconds));
        var fitsAlready = ceiling is not null && sourcePortionBytes <= ceiling;
        var cap = fitsAlready ? Math.Min(ceiling!.Value, sourcePortionBytes) : ceiling;

        var audio = !keepAudio ? null
            : cap is null ? AudioPlanner.ForQuality(source.Audio!, container, request.Quality)
            : AudioPlanner.ForBudget(source.Audio!, container, cap.Value * 8.0 / duration, pictureEndsFirst ? pictureSeconds / duration : 1);
        var expectedFrames = pictureSeconds * EncodePlan.RateOf(source, frameRate);
        var length = new BudgetCalculator.Length(duration, pictureSeconds, expectedFrames);
        long? splitCap = cap is null ? null
            : fitsAlready && !BudgetCalculator.IsFeasible(cap.Value, length, audio) ? ceiling!.Value : cap.Value;
        if (splitCap is { } tight)
        {
            if (pictureEndsFirst)
            {
                var pictureShare = PictureFloorShare * tight * 8.0 / duration;
                audio = AudioPlanner.LeavePicture(audio, sound => BudgetCalculator.VideoBitsPerSecond(tight, length, sound) >= pictureShare);
            }

            audio = AudioPlanner.GiveWay(audio, sound => BudgetCalculator.IsFeasible(tight, length, sound));
        }

        var budget = splitCap is null ? null : BudgetCalculator.Split(splitCap.Value, length, audio);
        var canRemux = CanRemux(source, request, codec, container, frameRate, boxWidth, boxHeight, start, duration);
        var (width, height) = budget is null
            ? (ResolutionLadder.Even(boxWidth), ResolutionLadder.Even(boxHeight))
            : ResolutionLadder.Choose(boxWidth, boxHeight, budget.VideoBitsPerSecond, expectedFrames / pictureSeconds, codec);

        return new EncodePlan
        {
            Source = source,
            Container = container,
            Codec = codec,
            Width = width,
            Height = height,
            BoxWidth = boxWidth,
            BoxHeight = boxHeight,
            FrameRate = frameRate,
            Start = start,
            DurationSeconds = duration,
            PictureSeconds = pictureSeconds,
            Trimmed = start is not null || duration < source.DurationSeconds - 0.001,
            Audio = audio,
            QualityCrf = QualityScale.Crf(codec, request.Quality),
            CeilingBytes = ceiling,
            CapBytes = cap,
            Budget = budget,
            CanRemux = canRemux,
            CopyFitsCap = canRemux && cap is { } copyCap && CopySize.Estimate(source, audio is null ? null : AudioPlan.CopySource, expectedFrames) <= copyCap,
            TryQualityFirst = cap is null || fitsAlready,
        };
    }

    /// <summary>
    /// The kept window. Trim times count from the first video frame: when the picture starts after the sound (a muxer's
    /// offset), a window counted from the file's start would open on sound without picture and the encode would repeat
    /// the first frame to fill it. The returned start is counted from the file's start, as ffmpeg's -ss counts.
    /// </summary>
    private static (TimeSpan? Start, double Duration) TrimWindow(MediaInfo source, CompressionRequest request)
    {
        var offset = request.TrimStart is null && request.TrimEnd is null ? 0 : source.VideoStartSeconds;
        var length = source.DurationSeconds - offset;
        var start = request.TrimStart ?? TimeSpan.Zero;
        var end = request.TrimEnd is { } requestedEnd && requestedEnd.TotalSeconds < length
            ? requestedEnd.TotalSeconds
            : length;
        if (start < TimeSpan.Zero || start.TotalSeconds >= length)
        {
            throw FormatChoice.Invalid($"The trim start {start} is outside the video, which lasts {TimeSpan.FromSeconds(length):g}.");
        }

        if (end <= start.TotalSeconds)
        {
            throw FormatChoice.Invalid($"The trim end {request.TrimEnd} must come after the trim start {start}.");
        }

        // Timestamps are counted from the first frame (ffmpeg's -ss does the same), so a window past the picture's end
        // would give the encoder no frames at all; say so before any encode starts.
        if (source.VideoEndSeconds is { } fileEnd && fileEnd - offset is var pictureEnd && start.TotalSeconds >= pictureEnd - 0.001)
        {
            throw FormatChoice.Invalid($"The trim window {start:g}–{TimeSpan.FromSeconds(end):g} has no video frames: the picture ends at "
                + $"{TimeSpan.FromSeconds(pictureEnd):g} (times count from the first frame). Choose a start before that.");
        }

        var fromFileStart = start.TotalSeconds + offset;
        return (fromFileStart > 0 ? TimeSpan.FromSeconds(fromFileStart) : null, end - start.TotalSeconds);
    }

    /// <summary>
    /// The picture's share of the kept window [start, start + duration] (start from the file's start): from the first
    /// frame to the last frame's end. The whole window when the probe does not know where the picture ends.
    /// </summary>
    private static double PictureSeconds(MediaInfo source, TimeSpan? start, double duration)
    {
        var from = start?.TotalSeconds ?? 0;
        var pictureEnd = source.VideoEndSeconds ?? double.PositiveInfinity;
        var picture = Math.Min(from + duration, pictureEnd) - Math.Max(from, source.VideoStartSeconds);
        // A single frame (or a probe that puts the end before the start) still has one frame's worth of picture.
        var oneFrame = 1 / EncodePlan.RateOf(source, null);
        return Math.Clamp(picture, Math.Min(duration, oneFrame), duration);
    }

    private static double? OutputFrameRate(MediaInfo source, CompressionRequest request)
    {
        if (request.FrameRate is not { } wanted)
        {
            return null;
        }

        if (wanted is <= 0 or > 240)
        {
            throw FormatChoice.Invalid($"The frame rate {wanted} is not usable; give a value between 1 and 240.");
        }

        // Raising the frame rate only duplicates frames; keep the source timing instead.
        return source.Video.FrameRate > 0 && wanted >= source.Video.FrameRate - 0.01 ? null : wanted;
    }

    /// <summary>The largest display size inside the requested box, keeping the aspect ratio and never upscaling.</summary>
    private static (double Width, double Height) FitInBox(VideoStreamInfo video, CompressionRequest request)
    {
        if (request.Width is <= 0 || request.Height is <= 0)
        {
            throw FormatChoice.Invalid("The target width and height must be positive.");
        }

        double width = video.DisplayWidth, height = video.DisplayHeight;
        var scale = 1.0;
        if (request is { Width: { } boxWidth, Height: { } boxHeight })
        {
            scale = Math.Min(boxWidth / width, boxHeight / height);
        }
        else if (request.Height is { } shortSide)
        {
            scale = shortSide / Math.Min(width, height);
        }
        else if (request.Width is { } widthCap)
        {
            scale = widthCap / width;
        }

        scale = Math.Min(1, scale);
        return (width * scale, height * scale);
    }

    private static long? Ceiling(MediaInfo source, CompressionRequest request)
    {
        if (request.MaxBytes is <= 0)
        {
            throw FormatChoice.Invalid($"The size limit {request.MaxBytes} bytes must be positive.");
        }

        if (request.SizeFraction is { } fraction && (fraction <= 0 || double.IsNaN(fraction)))
        {
            throw FormatChoice.Invalid($"The relative size {fraction} must be above zero (0.5 = half the source).");
        }

        long? relative = request.SizeFraction is { } share ? (long)(source.SizeBytes * share) : null;
        return (request.MaxBytes, relative) switch
        {
            ({ } absolute, { } fromShare) => Math.Min(absolute, fromShare),
            ({ } absolute, null) => absolute,
            (null, var fromShare) => fromShare,
        };
    }

    private static bool CanRemux(MediaInfo source, CompressionRequest request, VideoCodecKind codec, OutputContainer container,
        double? frameRate, double boxWidth, double boxHeight, TimeSpan? start, double duration)
    {
        var video = source.Video;
        var unchangedPicture = Math.Abs(boxWidth - video.DisplayWidth) < 1 && Math.Abs(boxHeight - video.DisplayHeight) < 1
            && Math.Abs(video.SampleAspectRatio - 1) < 0.001 && video.CodedWidth % 2 == 0 && video.CodedHeight % 2 == 0;
        var audioFits = request.RemoveAudio || source.Audio is null || FormatChoice.CanCarryAudio(container, source.Audio.Codec);
        return unchangedPicture && audioFits && frameRate is null && start is null
            && duration >= source.DurationSeconds - 0.001
            && video.Codec == FormatChoice.ProbeName(codec)
            && video.PixelFormat is "yuv420p" or "yuvj420p" && !video.IsHdr;
    }
}
