namespace NemoVideo.Compression;

/// <summary>
/// Budget encodes of clips with only a few dozen frames. Two-pass rate control needs frames to converge: on 9–30
/// frames x264 lands at 25–85 % of its target, and scaling the bitrate does not correct it reliably (the response
/// is far from linear). Size grows steadily as CRF falls, so a bisection on CRF finds the best quality under the cap
/// in a few encodes, each as cheap as the clip is short.
/// </summary>
internal static class ShortClipSearch
{
    /// <summary>Below this many output frames the size search replaces two-pass (at 60 frames two-pass lands at about 96 %).</summary>
    internal const double MaximumFrames = 60;

    /// <summary>
    /// Enough halvings of the CRF range to reach steps of a few hundredths: on heavy noise one CRF unit changes the size by
    /// well over 10 %, and 8 encodes stopped at 80–92 % of the cap (45 frames at 200 kB, 9 frames at 100 kB).
    /// </summary>
    private const int MaximumEncodes = 12;

    public static bool Applies(EncodePlan plan) =>
        plan.Budget is not null && !plan.TryQualityFirst && plan.DurationSeconds * OutputFrameRate(plan) < MaximumFrames;

    /// <summary>Runs encodes at CRF values into <paramref name="output"/>; returns how many ran, or 0 when none fit the cap.</summary>
    public static async Task<int> RunAsync(EncodePlan plan, string output, double minimumFill,
        Func<double, Task> encodeAt, CancellationToken cancellationToken)
    {
        var cap = plan.Budget!.CapBytes;
        var best = output + ".best";
        long bestSize = 0;
        double low = 0, high = VideoEncoder.MaximumCrf(plan.Codec), crf = QualityScale.Crf(plan.Codec, QualityPreference.Balanced);
        var encodes = 0;
        try
        {
            while (encodes < MaximumEncodes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await encodeAt(crf).ConfigureAwait(false);
                encodes++;
                var size = new FileInfo(output).Length;
                if (size <= cap)
                {
                    if (size > bestSize)
                    {
                        File.Copy(output, best, overwrite: true);
                        bestSize = size;
                    }

                    if (size >= cap * minimumFill || crf <= low + 0.01)
                    {
                        break;
                    }

                    high = crf;
                }
                else
                {
                    low = crf;
                }

                crf = (low + high) / 2;
            }

            if (bestSize == 0)
            {
                return 0;
            }

            File.Move(best, output, overwrite: true);
            return encodes;
        }
        finally
        {
            File.Delete(best);
        }
    }

    private static double OutputFrameRate(EncodePlan plan) =>
        plan.FrameRate ?? (plan.Source.Video.FrameRate > 0 ? plan.Source.Video.FrameRate : 30);
}
