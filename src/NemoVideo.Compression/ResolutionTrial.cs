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
    /// <summary>Up to three windows of up to 2 s, together about a tenth of the clip (see <see cref="Windows"/>).</summary>
    private const int SampleCount = 3;
    private const double SampleSeconds = 2;
    private const double MinimumSampleSeconds = 1.5;
    private const double SampleShare = 0.1;
    /// <summary>A larger picture must win by at least this much SSIM; within noise the floor's (cheaper) choice stays.</summary>
    private const double MinimumGain = 0.002;
    /// <summary>At or below this much error left (1 − SSIM) the gain a larger picture needs shrinks with the error.</summary>
    private const double SaturationError = 0.05;
    /// <summary>A sample encode more than this over its share of the budget is re-run (and, if it still misses, not eligible).</summary>
    private const double AllowedOvershoot = 1.08;
    private const double CorrectionAim = 0.97;
    private const double KeyframeIntervalFrames = 250;
    private const double MaximumKeyframeShare = 0.5;

    internal sealed record Outcome((int Width, int Height) Chosen, IReadOnlyList<((int Width, int Height) Rung, double Ssim)> Scores, TimeSpan Spent)
    {
        public string Describe() =>
            $"Resolution {Chosen.Width}x{Chosen.Height} chosen by measurement (SSIM of sample encodes at the target bitrate: "
            + string.Join(", ", Scores.Select(score => $"{score.Rung.Width}x{score.Rung.Height} "
                + (score.Ssim > 0 ? score.Ssim.ToString("0.000", CultureInfo.InvariantCulture) : "cannot fit")))
            + $"; {Spent.TotalSeconds:0.0} s).";
    }

    public static bool Applies(EncodePlan plan, out IReadOnlyList<(int Width, int Height)> rungs)
    {
        rungs = plan.Budget is null || plan.TryQualityFirst || ShortClipSearch.Applies(plan)
            ? []
            : ResolutionLadder.TrialRungs(plan.BoxWidth, plan.BoxHeight, (plan.Width, plan.Height));
        return rungs.Count > 1;
    }

    /// <param name="advanced">Told the trial's own progress (0..1) after each of its steps: on a long 1080p clip the trial
    /// takes several seconds, and a bar that stays at 0 looks hung and gives a Ctrl+C nothing to go by.</param>
    public static async Task<Outcome> ChooseAsync(EncodePlan plan, IReadOnlyList<(int Width, int Height)> rungs, FfmpegTools tools,
        string workDirectory, CancellationToken cancellationToken, Action<double>? advanced = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var largest = rungs[0];
        var reference = Path.Combine(workDirectory, "trial-reference.mkv");
        await RunAsync(tools, ReferenceArguments(plan, largest, reference), cancellationToken).ConfigureAwait(false);
        advanced?.Invoke(0.2);

        // x264 stands in for the target codec at the bitrate it would need for the same quality. All rungs go through
        // one ffmpeg run per pass (and one for scoring): process start-up, not encoding, dominates such short samples.
        var bitrate = (long)(plan.Budget!.VideoBitsPerSecond / ResolutionLadder.CodecEfficiency(plan.Codec));
        var targetBytes = bitrate * Windows(plan).Sum(window => window.Length) / 8;
        var encoded = rungs.Select(rung => Path.Combine(workDirectory, $"trial-{rung.Width}x{rung.Height}.mkv")).ToList();
        var bitrates = rungs.Select(_ => bitrate).ToList();
        await RunAsync(tools, SampleEncodes(reference, rungs, bitrates, 1, workDirectory, encoded), cancellationToken).ConfigureAwait(false);
        advanced?.Invoke(0.45);
        await RunAsync(tools, SampleEncodes(reference, rungs, bitrates, 2, workDirectory, encoded), cancellationToken).ConfigureAwait(false);
        advanced?.Invoke(0.7);

        // A starved large picture overshoots (x264 cannot go below its coarsest quantiser), and a comparison at unequal
        // sizes flatters it: rungs that missed are re-run at a corrected bitrate, and one that still cannot fit is out.
        var keyframeShare = KeyframeShare(plan);
        var sizes = await EffectiveSizesAsync(tools, encoded, keyframeShare, cancellationToken).ConfigureAwait(false);
        if (sizes.Any(size => size.Effective > targetBytes * AllowedOvershoot))
        {
            var corrected = bitrates.Select((rate, index) => sizes[index].Effective > targetBytes * AllowedOvershoot
                ? (long)(rate * targetBytes * CorrectionAim / sizes[index].Effective) : rate).ToList();
            // x264 refuses a second pass below what its first pass says the picture needs at its coarsest quantiser
            // ("requested bitrate is too low"): such a rung cannot fit, so the first run's encodes are measured again
            // and the rungs that missed stay ruled out.
            if (!await RunAsync(tools, SampleEncodes(reference, rungs, corrected, 2, workDirectory, encoded), cancellationToken,
                    bitrateTooLowIsAnAnswer: true).ConfigureAwait(false))
            {
                await RunAsync(tools, SampleEncodes(reference, rungs, bitrates, 2, workDirectory, encoded), cancellationToken).ConfigureAwait(false);
            }

            sizes = await EffectiveSizesAsync(tools, encoded, keyframeShare, cancellationToken).ConfigureAwait(false);
        }

        var ssim = await SsimAsync(tools, encoded, reference, largest, cancellationToken).ConfigureAwait(false);
        advanced?.Invoke(1);
        var scores = rungs.Select((rung, index) => (rung, index == rungs.Count - 1
                || (sizes[index].Effective <= targetBytes * AllowedOvershoot && !KeyframeStarves(sizes[index].Keyframe, bitrate, plan))
                ? ssim[index] : 0))
            .ToList();

        // The floor's choice (last) stands unless a larger rung keeps clearly more of the picture.
        var chosen = scores[^1];
        var best = scores.MaxBy(score => score.Item2);
        if (ClearlyBetter(best.Item2, chosen.Item2))
        {
            chosen = best;
        }

        return new Outcome(chosen.Item1, scores, started.Elapsed);
    }

    /// <summary>
    /// Whether a larger rung's score beats the floor's by more than noise. SSIM saturates near 1, so a fixed margin
    /// would hold back the larger picture exactly where it matters least to the floor's rule and most to the viewer:
    /// at a 50 % ceiling a 720p talking head's samples scored 0.999 against 0.998 at 540p (half the error), the fixed
    /// 0.002 kept 540p, and its whole encode scored 0.9978: less than 720p's 0.9981 at a 10 % ceiling, with five times
    /// the bytes. Above 0.95 the margin is the same share (4 %) of the error left that 0.002 is at 0.95.
    /// </summary>
    internal static bool ClearlyBetter(double larger, double floor) =>
        larger - floor >= MinimumGain * Math.Min(1, (1 - floor) / SaturationError);

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

    /// <summary>About a tenth of the picture (1.5–6 s) so the trial stays a small share of the work: one window in the
    /// middle of short clips, three spread over longer ones. Only where there is picture: a window in sound that runs on
    /// after the last frame would be empty.</summary>
    private static List<(double Start, double Length)> Windows(EncodePlan plan)
    {
        var from = Math.Max(plan.Start?.TotalSeconds ?? 0, plan.Source.VideoStartSeconds);
        var duration = plan.PictureSeconds;
        var total = Math.Min(duration, Math.Clamp(duration * SampleShare, MinimumSampleSeconds, SampleCount * SampleSeconds));
        var count = total >= SampleCount * MinimumSampleSeconds * 2 ? SampleCount : 1;
        var length = total / count;
        return Enumerable.Range(0, count)
            .Select(index => (from + Math.Max(0, ((index + 0.5) * duration / count) - (length / 2)), length))
            .ToList();
    }

    /// <summary>One ffmpeg run encoding the reference at every rung (split filter, one output and stats file per rung).</summary>
    private static List<string> SampleEncodes(string reference, IReadOnlyList<(int Width, int Height)> rungs, IReadOnlyList<long> bitrates, int pass,
        string workDirectory, IReadOnlyList<string> outputs)
    {
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", reference, "-filter_complex",
            $"[0:v]split={rungs.Count}" + string.Concat(rungs.Select((_, index) => $"[in{index}]")) + ";"
            + string.Join(';', rungs.Select((rung, index) => $"[in{index}]scale={rung.Width}:{rung.Height}:flags=lanczos,setsar=1,format=yuv420p[out{index}]")) };
        for (var index = 0; index < rungs.Count; index++)
        {
            // No scene cuts at the joins of the windows: the sample keeps one keyframe, like a stretch of the real encode.
            arguments.AddRange(["-map", $"[out{index}]", "-c:v", "libx264", "-preset", "veryfast", "-tune", "ssim", "-x264-params", "scenecut=0",
                "-b:v", bitrates[index].ToString(CultureInfo.InvariantCulture), "-pass", pass.ToString(CultureInfo.InvariantCulture),
                "-passlogfile", Path.Combine(workDirectory, $"trial-pass-{index}"), "-an"]);
            arguments.AddRange(pass == 1 ? ["-f", "null", "-"] : [outputs[index]]);
        }

        return arguments;
    }

    /// <summary>
    /// The sample opens with a keyframe, which the real encode pays only once per keyframe interval (x264: 250 frames,
    /// or the whole clip if shorter). The share of that keyframe the sample's stretch of the real encode would carry.
    /// </summary>
    private static double KeyframeShare(EncodePlan plan) => Math.Min(1, Windows(plan).Sum(window => window.Length) / KeyframeInterval(plan));

    private static double KeyframeInterval(EncodePlan plan)
    {
        return Math.Min(plan.PictureSeconds, KeyframeIntervalFrames / plan.OutputFrameRate);
    }

    /// <summary>
    /// A picture whose keyframe alone takes more than half of what a keyframe interval may spend leaves every other frame
    /// starving (measured: a 720p text page at 24 kbit/s scored 0.85 in samples but 0.71 over two minutes).
    /// </summary>
    private static bool KeyframeStarves(long keyframeBytes, long bitrate, EncodePlan plan) =>
        keyframeBytes > MaximumKeyframeShare * bitrate * KeyframeInterval(plan) / 8;

    /// <summary>Each sample's size with its opening keyframe counted at the real encode's share (the first packet is that keyframe).</summary>
    private static async Task<List<(long Effective, long Keyframe)>> EffectiveSizesAsync(FfmpegTools tools, IReadOnlyList<string> encoded,
        double keyframeShare, CancellationToken cancellationToken)
    {
        var sizes = new List<(long, long)>();
        foreach (var file in encoded)
        {
            var outcome = await ToolProcess.RunAsync(tools.FfprobePath,
                ["-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1", "-show_entries", "packet=size", "-of", "csv=p=0", file],
                onOutputLine: null, cancellationToken).ConfigureAwait(false);
            var total = new FileInfo(file).Length;
            var keyframe = long.TryParse(outcome.StandardOutput.Trim().Split('\n')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
                ? Math.Min(bytes, total) : 0;
            sizes.Add((total - keyframe + (long)(keyframe * keyframeShare), keyframe));
        }

        return sizes;
    }

    /// <summary>SSIM of every encode, scaled back to the largest rung, against the reference; one ffmpeg run, scores in rung order.</summary>
    private static async Task<IReadOnlyList<double>> SsimAsync(FfmpegTools tools, IReadOnlyList<string> encoded, string reference,
        (int Width, int Height) size, CancellationToken cancellationToken)
    {
        var count = encoded.Count;
        var graph = $"[{count}:v]setsar=1,split={count}" + string.Concat(Enumerable.Range(0, count).Select(index => $"[r{index}]")) + ";"
            + string.Join(';', Enumerable.Range(0, count).Select(index =>
                $"[{index}:v]scale={size.Width}:{size.Height}:flags=bicubic,setsar=1[d{index}];[d{index}][r{index}]ssim[s{index}]"));
        List<string> arguments = ["-hide_banner", "-nostdin", "-nostats", "-v", "info"];
        foreach (var file in encoded)
        {
            arguments.AddRange(["-i", file]);
        }

        arguments.AddRange(["-i", reference, "-filter_complex", graph]);
        for (var index = 0; index < count; index++)
        {
            arguments.AddRange(["-map", $"[s{index}]", "-f", "null", "-"]);
        }

        var outcome = await ToolProcess.RunAsync(tools.FfmpegPath, arguments, onOutputLine: null, cancellationToken).ConfigureAwait(false);
        // Each ssim filter logs "[Parsed_ssim_<n> @ ...] SSIM Y:... All:0.97 (...)" when it closes; n follows the graph order.
        var scores = SsimLine().Matches(outcome.StandardErrorTail)
            .Select(match => (Filter: int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                Score: double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
            .OrderBy(entry => entry.Filter)
            .Select(entry => entry.Score)
            .ToList();
        if (!outcome.Succeeded || scores.Count != count)
        {
            throw CompressionException.FromRun(outcome, "while measuring the samples' quality", outcome.StandardErrorTail);
        }

        return scores;
    }

    /// <summary>Runs ffmpeg; false instead of a failure only when <paramref name="bitrateTooLowIsAnAnswer"/> and x264 refused a
    /// bitrate below its minimum.</summary>
    private static async Task<bool> RunAsync(FfmpegTools tools, List<string> arguments, CancellationToken cancellationToken,
        bool bitrateTooLowIsAnAnswer = false)
    {
        var outcome = await ToolProcess.RunAsync(tools.FfmpegPath, arguments, onOutputLine: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return true;
        }

        if (bitrateTooLowIsAnAnswer && outcome.StandardErrorTail.Contains(CompressionEngine.X264BitrateTooLow, StringComparison.Ordinal))
        {
            return false;
        }

        throw CompressionException.FromRun(outcome, "while encoding the resolution samples", outcome.StandardErrorTail);
    }

    private static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Parsed_ssim_(\d+) @ [^\]]*\] SSIM .*All:([0-9.]+)")]
    private static partial Regex SsimLine();
}
