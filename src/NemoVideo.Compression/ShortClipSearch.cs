namespace NemoVideo.Compression;

/// <summary>
/// Budget encodes of clips with only a few dozen frames. Two-pass rate control needs frames to converge: on 9–30
/// frames x264 lands at 25–85 % of its target, and scaling the bitrate does not correct it reliably (the response
/// is far from linear). Size falls steadily and roughly exponentially as CRF rises (x264 and x265: about half per 6
/// CRF), so a search on CRF guided by that shape finds the best quality under the cap in a few encodes: each next CRF
/// is read off the log-size line through the measurements nearest the target, kept inside the bracket they prove.
/// </summary>
internal static class ShortClipSearch
{
    /// <summary>Below this many output frames the size search replaces two-pass (at 60 frames two-pass lands at about 96 %).</summary>
    internal const double MaximumFrames = 60;

    /// <summary>A bound, not the usual count (2–4): on heavy noise one CRF unit changes the size by well over 10 %.</summary>
    private const int MaximumEncodes = 12;

    /// <summary>ln(size) change per CRF unit before two measurements give the clip's own: x264/x265 halve the size per +6.</summary>
    private const double DefaultLogSizePerCrf = -0.1155;

    /// <summary>The furthest step before a measurement on each side of the cap: one point and the usual slope say little
    /// 8 CRF away. On 9 frames of 1080p noise CRF 23 gave 15 % of a cap and the line's CRF 7.2 gave 326 %: the size is
    /// nearly flat below a cliff at CRF 19–21, so that step taught almost nothing.</summary>
    private const double MaximumUnbracketedStep = 8;

    public static bool Applies(EncodePlan plan) =>
        plan.Budget is not null && !plan.TryQualityFirst && plan.ExpectedFrames < MaximumFrames;

    /// <summary>Runs encodes at CRF values until one lands in the band <see cref="BudgetRuns"/> accepts; true when one did
    /// (it is the output), false when the search ended without (the largest that fitted, if any, is kept in
    /// <paramref name="runs"/>).</summary>
    public static async Task<bool> RunAsync(EncodePlan plan, BudgetRuns runs, double minimumFill,
        Func<double, Task> encodeAt, CancellationToken cancellationToken)
    {
        var search = new CrfSearch(VideoEncoder.MinimumCrf(plan.Codec), VideoEncoder.MaximumCrf(plan.Codec), plan.Budget!.CapBytes, minimumFill);
        double crf = QualityScale.Crf(plan.Codec, QualityPreference.Balanced);
        for (var encodes = 0; encodes < MaximumEncodes; encodes++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await encodeAt(crf).ConfigureAwait(false);
            if (runs.Record(CompressionStrategy.SizeSearch) == Landing.InBand)
            {
                return true;
            }

            if (search.Record(crf, runs.LastBytes) is not { } next)
            {
                break;
            }

            crf = next;
        }

        return false;
    }

    /// <summary>
    /// The CRF search's state: the bracket the measurements prove (<c>Low</c> gave a file over the cap, <c>High</c> one
    /// under it) and the measurements themselves. Pure, so its steps are tested without encoding.
    /// </summary>
    internal sealed class CrfSearch(double low, double high, long cap, double minimumFill)
    {
        private const double Resolution = 0.01;
        private readonly List<(double Crf, double LogSize)> _measured = [];
        private bool _seenOver;
        private bool _seenUnder;

        public double Low { get; private set; } = low;

        public double High { get; private set; } = high;

        /// <summary>Takes one encode's size; returns the next CRF to try, or null when the search is done (a size in the
        /// accepted band, or a bracket too narrow to improve on).</summary>
        public double? Record(double crf, long size)
        {
            if (size <= cap)
            {
                if (size >= cap * minimumFill)
                {
                    return null;
                }

                High = Math.Min(High, crf);
                _seenUnder = true;
            }
            else
            {
                Low = Math.Max(Low, crf);
                _seenOver = true;
            }

            _measured.Add((crf, Math.Log(Math.Max(size, 1))));
            if (High - Low <= Resolution)
            {
                return null;
            }

            var next = Predict(Math.Log(cap * BudgetCalculator.AimFill));
            if (!(_seenOver && _seenUnder))
            {
                next = Math.Clamp(next, crf - MaximumUnbracketedStep, crf + MaximumUnbracketedStep);
            }

            // A prediction at or beyond a proven end (a poor fit) falls back to halving the bracket.
            return next > Low + Resolution && next < High - Resolution ? next : (Low + High) / 2;
        }

        /// <summary>Where the line through the two measurements nearest the target (or the last one, with the usual slope)
        /// reaches <paramref name="targetLogSize"/>.</summary>
        private double Predict(double targetLogSize)
        {
            var nearest = _measured.OrderBy(point => Math.Abs(point.LogSize - targetLogSize)).Take(2).ToList();
            var slope = DefaultLogSizePerCrf;
            if (nearest.Count == 2 && Math.Abs(nearest[0].Crf - nearest[1].Crf) > Resolution)
            {
                var measuredSlope = (nearest[0].LogSize - nearest[1].LogSize) / (nearest[0].Crf - nearest[1].Crf);
                if (measuredSlope < 0)
                {
                    slope = measuredSlope;
                }
            }

            return nearest[0].Crf + ((targetLogSize - nearest[0].LogSize) / slope);
        }
    }
}
