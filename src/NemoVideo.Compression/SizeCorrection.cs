namespace NemoVideo.Compression;

/// <summary>
/// After a final pass misses its size, picks the next video bitrate from the runs so far. The first correction assumes
/// the video part's size follows the bitrate in proportion; later ones use how it actually followed between the last two
/// runs (the secant on log size over log bitrate), because on low-motion content it does not: a static slide show's
/// video part moved by a fraction of each bitrate change, and proportional steps used up the runs without landing.
/// </summary>
internal sealed class SizeCorrection(BitrateBudget budget)
{
    /// <summary>Re-runs aim a little lower than the first try, so a correction does not bounce over the ceiling again.</summary>
    internal const double CorrectionFill = 0.985;

    /// <summary>Bounds on the measured response (d ln size / d ln bitrate): one step at most cubes or cube-roots the ratio.</summary>
    private const double MinimumResponse = 1.0 / 3;
    private const double MaximumResponse = 3;

    private (double LogBitrate, double LogVideoBytes)? _previous;

    public long NextVideoBitsPerSecond(long usedBitsPerSecond, long actualBytes)
    {
        var actualVideoBytes = Math.Max(1, actualBytes - budget.NonVideoBytes);
        var wantedVideoBytes = (budget.CapBytes * CorrectionFill) - budget.NonVideoBytes;
        if (wantedVideoBytes <= 0)
        {
            return 0;
        }

        var run = (LogBitrate: Math.Log(Math.Max(1, usedBitsPerSecond)), LogVideoBytes: Math.Log(actualVideoBytes));
        var response = 1.0;
        if (_previous is { } previous && Math.Abs(run.LogBitrate - previous.LogBitrate) > 1e-3)
        {
            response = Math.Clamp((run.LogVideoBytes - previous.LogVideoBytes) / (run.LogBitrate - previous.LogBitrate),
                MinimumResponse, MaximumResponse);
        }

        _previous = run;
        return (long)(usedBitsPerSecond * Math.Exp(Math.Log(wantedVideoBytes / actualVideoBytes) / response));
    }
}
