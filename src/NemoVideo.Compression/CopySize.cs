namespace NemoVideo.Compression;

/// <summary>
/// What a stream copy of the mapped picture (and sound) would weigh, read from the probe instead of written to disk:
/// a size-capped encode asks this before anything runs, so a source that cannot fit as a copy is never remuxed just to
/// find out (on a 500 MB upload that was a full copy for nothing).
/// </summary>
internal static class CopySize
{
    /// <summary>Bytes of the copied streams plus the container's per-packet cost; the whole source when the probe lacks a
    /// stream's bitrate (the copy never holds more than the source: other streams and metadata are dropped).</summary>
    public static long Estimate(MediaInfo source, AudioPlan? audio, double expectedFrames)
    {
        var videoBitRate = source.Video.BitRate;
        var audioBitRate = audio is null ? 0 : source.Audio?.BitRate;
        if (videoBitRate is not > 0 || audioBitRate is null)
        {
            return source.SizeBytes;
        }

        var payload = (long)Math.Ceiling((videoBitRate.Value + audioBitRate.Value) * source.DurationSeconds / 8);
        var overhead = BudgetCalculator.OverheadBytes(source.DurationSeconds, expectedFrames, audio);
        return Math.Min(source.SizeBytes, payload + overhead);
    }
}
