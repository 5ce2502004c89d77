using NemoVideo.Compression;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>What ffprobe found in an upload; null from <see cref="MediaInspector.InspectAsync"/> means "not readable media".</summary>
/// <param name="DurationMs">How long it plays from the first video frame (trims count from there); for audio, its length.</param>
public sealed record MediaFacts(long? DurationMs, int? Width, int? Height, bool HasAudio)
{
    public double? FrameRate { get; init; }

    /// <summary>For a video, the engine's own reading of it (what a render plans from): a request is checked against it
    /// without probing the file again. Null for audio and images.</summary>
    public MediaInfo? Source { get; init; }

    /// <summary>Where the picture ends, counted from its first frame, when the sound runs on after it (see <see cref="MediaItem.VideoEndMs"/>).</summary>
    public long? VideoEndMs { get; init; }
}

/// <summary>An upload's facts, or why it is refused (e.g. "it holds only audio ..."), in words that fit what the file is.</summary>
public sealed record MediaInspection(MediaFacts? Facts, string? Refusal)
{
    /// <summary>With <see cref="Refusal"/>: what the file is instead of a video.</summary>
    public MediaProblem? Problem { get; init; }

    /// <summary>The kind the contents showed when it differs from the extension's (an animated GIF is a video); null otherwise.</summary>
    public MediaKind? Kind { get; init; }
}

/// <summary>
/// Probes uploads with ffprobe. Videos go through the engine's <see cref="MediaProber"/> (the same reading the render
/// will use); audio and images, which the engine does not compress, only need to show a stream of their kind.
/// </summary>
public sealed class MediaInspector
{
    private readonly Lazy<MediaProber> _prober = new(() => new MediaProber(FfmpegTools.Locate()));

    public async Task<MediaFacts?> InspectAsync(string path, MediaKind kind, CancellationToken cancellationToken) =>
        (await ExamineAsync(path, kind, cancellationToken)).Facts;

    /// <summary>
    /// Videos are read exactly as the render will read them, so a file the engine cannot compress (audio only, a still
    /// image, a recording whose index is missing, a renamed text file) is refused at upload with the reason.
    /// </summary>
    public async Task<MediaInspection> ExamineAsync(string path, MediaKind kind, CancellationToken cancellationToken)
    {
        if (kind == MediaKind.Video)
        {
            try
            {
                return new MediaInspection(await ProbeVideoAsync(path, cancellationToken), null);
            }
            catch (CompressionException error) when (error.Kind == CompressionFailure.NotMedia)
            {
                return new MediaInspection(null, error.Reason) { Problem = error.Problem };
            }
        }

        if (kind == MediaKind.Image)
        {
            try
            {
                if (await MovingPictureAsync(path, cancellationToken) is { } animated)
                {
                    return new MediaInspection(animated, null) { Kind = MediaKind.Video };
                }
            }
            catch (CompressionException error) when (error.Problem == MediaProblem.UnsupportedAnimation)
            {
                // An animation ffmpeg cannot decode is neither a video it can compress nor a picture (it has no one
                // frame to show): refused at upload for what it is, not taken as a 0x0 image that fails later.
                return new MediaInspection(null, error.Reason) { Problem = error.Problem };
            }
        }

        return new MediaInspection(await InspectOtherAsync(path, kind, cancellationToken), null);
    }

    private async Task<MediaFacts> ProbeVideoAsync(string path, CancellationToken cancellationToken)
    {
        var info = await _prober.Value.ProbeAsync(path, cancellationToken);
        var length = info.DurationSeconds - info.VideoStartSeconds;
        var pictureEnd = info.VideoEndSeconds - info.VideoStartSeconds;
        return new MediaFacts((long)Math.Round(length * 1000), info.Video.DisplayWidth,
            info.Video.DisplayHeight, info.Audio is not null)
        {
            FrameRate = info.Video.FrameRate > 0 ? info.Video.FrameRate : null,
            VideoEndMs = pictureEnd is { } end && end < length - 0.05 ? (long)Math.Round(end * 1000) : null,
            Source = info,
        };
    }

    /// <summary>An animated GIF has many frames: the engine compresses it like a video (docs/compression.md). A still image is null.</summary>
    private async Task<MediaFacts?> MovingPictureAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ProbeVideoAsync(path, cancellationToken);
        }
        catch (CompressionException error) when (error.Kind == CompressionFailure.NotMedia && error.Problem != MediaProblem.UnsupportedAnimation)
        {
            return null;
        }
    }

    private async Task<MediaFacts?> InspectOtherAsync(string path, MediaKind kind, CancellationToken cancellationToken)
    {
        var streamType = kind == MediaKind.Audio ? "audio" : "video";
        var streams = await _prober.Value.ProbeStreamsAsync(path, cancellationToken);
        var stream = streams.FirstOrDefault(candidate => candidate.Kind == streamType);
        if (stream is null)
        {
            return null;
        }

        return kind == MediaKind.Audio
            ? new MediaFacts(stream.DurationSeconds is { } seconds ? (long)Math.Round(seconds * 1000) : null, null, null, true)
            : new MediaFacts(null, stream.Width, stream.Height, false);
    }
}
