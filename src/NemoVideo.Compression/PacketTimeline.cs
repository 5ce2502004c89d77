using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>
/// Measures a file's timeline from its packets when the header cannot be trusted: a browser's MediaRecorder WebM has
/// no Duration (nor Cues), and a container whose timestamps start late (10–14 s) reports its end, not its length.
/// Reads packet timestamps only (no decoding), so it costs one pass of demuxing.
/// </summary>
internal sealed record PacketTimeline(double FirstSeconds, double EndSeconds, double VideoEndSeconds, long VideoPackets)
{
    public double DurationSeconds => EndSeconds - FirstSeconds;

    /// <summary>Where the last video frame ends, counted from the first packet (as ffmpeg's -ss counts).</summary>
    public double VideoEndFromStart => VideoEndSeconds - FirstSeconds;

    /// <param name="readFrom">Seek to this timestamp (absolute, in seconds) first and read only from there: the tail of
    /// a file, for <see cref="RecordingTail"/>. Null reads every packet.</param>
    public static async Task<PacketTimeline?> MeasureAsync(FfmpegTools tools, string path, int videoIndex, int audioIndex,
        CancellationToken cancellationToken, double? readFrom = null)
    {
        List<string> arguments = ["-v", "error"];
        if (readFrom is { } seek)
        {
            arguments.AddRange(["-read_intervals", seek.ToString("0.###", CultureInfo.InvariantCulture) + "%"]);
        }

        arguments.AddRange(["-show_entries", "packet=stream_index,pts_time,dts_time,duration_time", "-of", "csv=p=0", "--", path]);
        var outcome = await ToolProcess.RunAsync(tools.FfprobePath, arguments, onOutputLine: null, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded ? Parse(outcome.StandardOutput, videoIndex, audioIndex) : null;
    }

    /// <summary>Lines are "stream_index,pts_time,dts_time,duration_time"; N/A fields are skipped.</summary>
    internal static PacketTimeline? Parse(string csv, int videoIndex, int audioIndex)
    {
        double first = double.MaxValue, end = double.MinValue, videoEnd = double.MinValue;
        long videoPackets = 0;
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',');
            if (fields.Length < 4 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stream)
                || (stream != videoIndex && stream != audioIndex))
            {
                continue;
            }

            var time = Seconds(fields[1]) ?? Seconds(fields[2]);
            if (time is not { } start)
            {
                continue;
            }

            var stop = start + (Seconds(fields[3]) ?? 0);
            first = Math.Min(first, start);
            end = Math.Max(end, stop);
            if (stream == videoIndex)
            {
                videoPackets++;
                videoEnd = Math.Max(videoEnd, stop);
            }
        }

        return videoPackets == 0 || end <= first ? null : new PacketTimeline(first, end, videoEnd, videoPackets);
    }

    private static double? Seconds(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
