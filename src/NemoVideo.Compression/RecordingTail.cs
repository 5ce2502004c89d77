using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>
/// Finds a recording that ends before its header says: a Matroska/WebM file cut off mid-cluster keeps the Duration
/// written at its start, and an MP4 whose index comes first (<c>+faststart</c>) still lists samples past the cut. Such a
/// file decodes up to the cut and then simply stops, so without this check it is compressed silently (and planned for a
/// length it does not have). The check seeks near the claimed end and reads packet timestamps from there (cheap where
/// the file has an index); only when the packets stop early is the whole file measured to learn how much is readable.
/// </summary>
internal static class RecordingTail
{
    /// <summary>Packets may end this far before the header's end without the file counting as cut off.</summary>
    internal const double ToleranceSeconds = 1.0;

    /// <summary>How far before the claimed end the check starts reading (the demuxer seeks to the keyframe before).</summary>
    private const double TailSeconds = 3.0;

    /// <summary>The source as read, or with the length its packets reach when they stop early (and a note saying so).
    /// An MP4/MOV its muxer finished (<see cref="Mp4Layout.IndexFollowsMedia"/>: the usual camera, phone and ffmpeg file)
    /// cannot be cut off this way and is not read at all: the check is an ffprobe run, 0.12–0.2 s before it reads anything,
    /// on every compression and every inspection of an upload.</summary>
    public static async Task<MediaInfo> CheckAsync(FfmpegTools tools, MediaInfo info, CancellationToken cancellationToken)
    {
        if (info.DurationSeconds <= ToleranceSeconds || Mp4Layout.IndexFollowsMedia(info))
        {
            return info;
        }

        var videoIndex = info.Video.StreamIndex;
        var audioIndex = info.Audio?.StreamIndex ?? -1;
        var claimedEnd = info.StartSeconds + info.DurationSeconds;
        var tail = await PacketTimeline.MeasureAsync(tools, info.Path, videoIndex, audioIndex, cancellationToken,
            readFrom: Math.Max(info.StartSeconds, claimedEnd - TailSeconds)).ConfigureAwait(false);
        if (tail is not null && ReachesEnd(info, tail))
        {
            return info;
        }

        var whole = await PacketTimeline.MeasureAsync(tools, info.Path, videoIndex, audioIndex, cancellationToken).ConfigureAwait(false);
        // Two pictures at least, or the one of a song "video" made from one image.
        if (whole is null || whole.VideoPackets < Math.Min(2, info.Video.FrameCount ?? 2))
        {
            // The header was whole but the pictures are not there: a copy or download cut off right after it (the encode
            // failed on a partial frame, and that read as a broken encoder, worth a retry).
            throw MediaProber.NotMedia(info.Path,
                string.Format(CultureInfo.InvariantCulture,
                    "the file ends before its pictures: its header describes {0:0.0} s, but not even two of its pictures can be "
                    + "read, so it was cut off while being written, copied or downloaded. Copy or download it again from the original",
                    info.DurationSeconds),
                MediaProblem.Truncated);
        }

        if (whole.DurationSeconds <= 0 || ReachesEnd(info, whole))
        {
            // No timestamps to measure by, or the packets do reach the end after all: the header's figure stands.
            return info;
        }

        var note = Describe(whole.DurationSeconds, info.DurationSeconds);
        return info with
        {
            DurationSeconds = whole.DurationSeconds,
            StartSeconds = whole.FirstSeconds,
            VideoEndSeconds = whole.VideoEndFromStart,
            AudioEndSeconds = null,
            DurationMeasured = true,
            ClaimedDurationSeconds = info.DurationSeconds,
            Video = info.Video with { FrameCount = whole.VideoPackets },
            Notes = [.. info.Notes, note],
            Warnings = [.. info.Warnings, note],
        };
    }

    /// <summary>
    /// The packets reach the header's end, or at least the video and audio streams' own declared ends (a subtitle or data
    /// track may make the container's end later than any picture or sound).
    /// </summary>
    internal static bool ReachesEnd(MediaInfo info, PacketTimeline packets)
    {
        if (packets.EndSeconds >= info.StartSeconds + info.DurationSeconds - ToleranceSeconds)
        {
            return true;
        }

        // Each chosen stream must reach its own end: a picture shorter than its sound (one image under a song) reached
        // its end while the sound was cut off, and the file went through as whole.
        return info.VideoEndSeconds is { } videoEnd && packets.VideoEndSeconds >= info.StartSeconds + videoEnd - ToleranceSeconds
            && (info.AudioEndSeconds is not { } audioEnd || packets.EndSeconds >= info.StartSeconds + audioEnd - ToleranceSeconds);
    }

    internal static string Describe(double readableSeconds, double claimedSeconds) =>
        string.Format(CultureInfo.InvariantCulture,
            "Only {0:0.0} s of the recording's {1:0.0} s could be read: the file ends early (it was cut off while being "
            + "written or copied), so the compressed video holds those {0:0.0} s. If it should be longer, copy it again from the original.",
            readableSeconds, claimedSeconds);
}
