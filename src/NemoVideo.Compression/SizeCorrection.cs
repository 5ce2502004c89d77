namespace NemoVideo.Compression;

/// <summary>
/// After a final pass misses its size, picks the next video bitrate from the runs so far. The first correction assumes
/// the video part's size follows the bitrate in proportion; later ones use how it actually followed (the secant on log
/// size over log bitrate), because on low-motion content it does not: a static slide show's video part moved by a
/// fraction of each bitrate change, and proportional steps used up the runs without landing. Once one run came out over
/// the cap and another under it, the secant runs through that bracket and the next bitrate stays inside it: on 90 noisy
/// frames the size moved by nearly twice each bitrate step and then some, so the runs went 147 %, 71 %, 112 %. Every
/// correction aims where the first encode did (<see cref="BudgetCalculator.AimFill"/>):
/// aimed at 98.5 %, a slide show's first correction landed 0.08 % over and cost one more encode.
/// </summary>
internal sealed class SizeCorrection(BitrateBudget budget)
{
    /// <summary>Bounds on the measured response (d ln size / d ln bitrate): one step at most cubes or cube-roots the ratio.</summary>
    private const double MinimumResponse = 1.0 / 3;
    private const double MaximumResponse = 3;

    /// <summary>
    /// At most this factor up or down per correction. A blank picture under loud audio leaves a video part of a few bytes
    /// after the audio estimate, and the bounded response alone then asked x264 for 60 Gbit/s and then 2^63 bit/s, which
    /// ffmpeg refused: the user got a failed render instead of the small file such content needs.
    /// </summary>
    private const double MaximumStep = 8;

    /// <summary>A bitrate inside a bracket keeps this share of the bracket's width (in logs) from either end, so a
    /// prediction that leans on a poor fit still learns something new.</summary>
    private const double BracketMargin = 0.1;

    private Run? _previous;
    private Run? _over;
    private Run? _under;

    /// <summary>One run over the cap and one under it are known: the right bitrate lies between them.</summary>
    public bool Bracketed => _over is not null && _under is not null;

    public long NextVideoBitsPerSecond(long usedBitsPerSecond, long actualBytes)
    {
        var actualVideoBytes = Math.Max(1, actualBytes - budget.NonVideoBytes);
        var run = new Run(Math.Log(Math.Max(1, usedBitsPerSecond)), Math.Log(actualVideoBytes));
        if (actualBytes > budget.CapBytes)
        {
            _over = _over is { } over && over.LogBitrate <= run.LogBitrate ? over : run;
        }
        else
        {
            _under = _under is { } under && under.LogBitrate >= run.LogBitrate ? under : run;
        }

        var wantedVideoBytes = (budget.CapBytes * BudgetCalculator.AimFill) - budget.NonVideoBytes;
        if (wantedVideoBytes <= 0)
        {
            return 0;
        }

        var other = Bracketed ? (run == _over ? _under : _over) : _previous;
        _previous = run;
        var response = other is { } known && Math.Abs(run.LogBitrate - known.LogBitrate) > 1e-3
            ? Math.Clamp((run.LogVideoBytes - known.LogVideoBytes) / (run.LogBitrate - known.LogBitrate), MinimumResponse, MaximumResponse)
            : 1.0;
        var step = Math.Log(MaximumStep);
        var next = Math.Clamp(run.LogBitrate + (Math.Log(wantedVideoBytes / actualVideoBytes) / response),
            run.LogBitrate - step, run.LogBitrate + step);
        if (_over is { } high && _under is { } low && high.LogBitrate > low.LogBitrate)
        {
            var margin = (high.LogBitrate - low.LogBitrate) * BracketMargin;
            next = Math.Clamp(next, low.LogBitrate + margin, high.LogBitrate - margin);
        }

        return (long)Math.Exp(next);
    }

    private readonly record struct Run(double LogBitrate, double LogVideoBytes);
}
