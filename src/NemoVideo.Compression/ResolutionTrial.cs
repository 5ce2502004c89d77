using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.Compression;

/// <summary>
/// Chooses the resolution of a budget encode by measurement, per-title style: a few short samples of the clip are
/// encoded at each candidate rung at the planned video bitrate (x264 two-pass, preset veryfast), scaled back to the
/// largest rung and compared with the source samples by SSIM; the rung that keeps most of the picture wins. Runs only
/// when the bits-per-pixel floor would shrink the picture, so high-bitrate encodes pay nothing.
/// </summary>
internal static partial class ResolutionTrial
{
    /// <summary>Samples taken from the clip, spread over it; short clips are sampled whole.</summary>
    private const int SampleCount = 3;
    private const double SampleSeconds = 2;
    /// <summary>A larger picture must win by at least this much SSIM; within noise the floor's (cheaper) choice stays.</summary>
    private const double MinimumGain = 0.002;

    internal sealed record Outcome((int Width, int Height) Chosen, IReadOnlyList<((int Width, int Height) Rung, double Ssim)> Scores, TimeSpan Spent)
    {
        public string Describe() =>
            $"Resolution {Chosen.Width}x{Chosen.Height} chosen by measurement (SSIM of sample encodes at the target bitrate: "
            + string.Join(", ", Scores.Select(score => $"{score.Rung.Width}x{score.Rung.Height} {score.Ssim:0.000}"))
            + $"; {Spent.TotalSeconds:0.0} s).";
    }

    public static bool Applies(EncodePlan plan, out IReadOnlyList<(int Width, int Height)> rungs)
    {
        rungs = plan.Budget is null || plan.TryQualityFirst || ShortClipSearch.Applies(plan)
            ? []
            : ResolutionLadder.TrialRungs(plan.BoxWidth, plan.BoxHeight, (plan.Width, plan.Height));
        return rungs.Count > 1;
    }

    public static async Task<Outcome> ChooseAsync(EncodePlan plan, IReadOnlyList<(int Width, int Height)> rungs, FfmpegTools tools,
        string workDirectory, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var largest = rungs[0];
        var reference = Path.Combine(workDirectory, "trial-reference.mkv");
        await RunAsync(tools, ReferenceArguments(plan, largest, reference), cancellationToken).ConfigureAwait(false);

        // x264 stands in for the target codec at the bitrate it would need for the same quality.
        var bitrate = (long)(plan.Budget!.VideoBitsPerSecond / ResolutionLadder.CodecEfficiency(plan.Codec));
        var scores = new List<((int, int), double)>();
        foreach (var rung in rungs)
        {
            var encoded = Path.Combine(workDirectory, $"trial-{rung.Width}x{rung.Height}.mkv");
            var stats = Path.Combine(workDirectory, "trial-pass");
            await RunAsync(tools, SampleEncode(reference, rung, bitrate, 1, stats, "-"), cancellationToken).ConfigureAwait(false);
            await RunAsync(tools, SampleEncode(reference, rung, bitrate, 2, stats, encoded), cancellationToken).ConfigureAwait(false);
            scores.Add((rung, await SsimAsync(tools, encoded, reference, largest, cancellationToken).ConfigureAwait(false)));
        }

        // The floor's choice (last) stands unless a larger rung keeps clearly more of the picture.
        var chosen = scores[^1];
        var best = scores.MaxBy(score => score.Item2);
        if (best.Item2 >= chosen.Item2 + MinimumGain)
        {
            chosen = best;
        }

        return new Outcome(chosen.Item1, scores, started.Elapsed);
    }

    /// <summary>The samples, through the plan's own filters (frame rate, tone mapping) at the largest rung, kept lossless.</summary>
    private static List<string> ReferenceArguments(EncodePlan plan, (int Width, int Height) largest, string output)
    {
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error" };
        var windows = Windows(plan);
        foreach (var (start, length) in windows)
        {
            arguments.AddRange(["-ss", Seconds(start), "-t", Seconds(length), "-i", plan.Source.Path]);
        }

        var chain = VideoFilterChain.Build(plan with { Width = largest.Width, Height = largest.Height });
        var stream = plan.Source.Video.StreamIndex.ToString(CultureInfo.InvariantCulture);
        var graph = string.Concat(windows.Select((_, input) => $"[{input}:{stream}]{chain},setsar=1[s{input}];"))
            + string.Concat(windows.Select((_, input) => $"[s{input}]")) + $"concat=n={windows.Count}:v=1:a=0[out]";
        arguments.AddRange(["-filter_complex", graph, "-map", "[out]", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-an", output]);
        return arguments;
    }

    private static List<(double Start, double Length)> Windows(EncodePlan plan)
    {
        var from = plan.Start?.TotalSeconds ?? 0;
        var duration = plan.DurationSeconds;
        if (duration <= SampleCount * SampleSeconds * 2)
        {
            return [(from, Math.Min(duration, SampleCount * SampleSeconds))];
        }

        return Enumerable.Range(0, SampleCount)
            .Select(index => (from + ((index + 0.5) * duration / SampleCount) - (SampleSeconds / 2), SampleSeconds))
            .ToList();
    }

    private static List<string> SampleEncode(string reference, (int Width, int Height) rung, long bitrate, int pass, string stats, string output) =>
    [
        "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", reference,
        "-vf", $"scale={rung.Width}:{rung.Height}:flags=lanczos,setsar=1,format=yuv420p",
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "ssim", "-b:v", bitrate.ToString(CultureInfo.InvariantCulture),
        "-pass", pass.ToString(CultureInfo.InvariantCulture), "-passlogfile", stats, "-an",
        .. pass == 1 ? new[] { "-f", "null" } : [], output,
    ];

    private static async Task<double> SsimAsync(FfmpegTools tools, string encoded, string reference, (int Width, int Height) size,
        CancellationToken cancellationToken)
    {
        var outcome = await ToolProcess.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-nostats", "-i", encoded, "-i", reference, "-lavfi",
                $"[0:v]scale={size.Width}:{size.Height}:flags=bicubic,setsar=1[d];[1:v]setsar=1[r];[d][r]ssim", "-f", "null", "-"],
            onOutputLine: null, cancellationToken).ConfigureAwait(false);
        var match = SsimAll().Match(outcome.StandardErrorTail);
        if (!outcome.Succeeded || !match.Success)
        {
            throw new CompressionException(CompressionFailure.EncoderFailed, $"Measuring sample quality failed: {outcome.StandardErrorTail}");
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task RunAsync(FfmpegTools tools, List<string> arguments, CancellationToken cancellationToken)
    {
        var outcome = await ToolProcess.RunAsync(tools.FfmpegPath, arguments, onOutputLine: null, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            throw new CompressionException(CompressionFailure.EncoderFailed, $"Encoding resolution samples failed: {outcome.StandardErrorTail}");
        }
    }

    private static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"SSIM .*All:([0-9.]+)")]
    private static partial Regex SsimAll();
}
