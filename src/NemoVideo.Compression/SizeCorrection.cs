namespace NemoVideo.Compression;

/// <summary>After a pass 2 misses its size, scales the video bitrate by how far the video part landed from its share.</summary>
internal static class SizeCorrection
{
    /// <summary>Re-runs aim a little lower than the first try, so a correction does not bounce over the ceiling again.</summary>
    internal const double CorrectionFill = 0.985;

    public static long NextVideoBitsPerSecond(BitrateBudget budget, long usedBitsPerSecond, long actualBytes)
    {
        var actualVideoBytes = Math.Max(1, actualBytes - budget.NonVideoBytes);
        var wantedVideoBytes = (budget.CapBytes * CorrectionFill) - budget.NonVideoBytes;
        return (long)(usedBitsPerSecond * Math.Max(0, wantedVideoBytes) / actualVideoBytes);
    }
}
