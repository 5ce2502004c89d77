namespace NemoVideo.Compression;

/// <summary>Compresses one video with ffmpeg: probe, plan, encode (remux, quality, or by bitrate in one pass or two), verify
/// the size, correct and re-run the final pass when it misses, then rename the finished file into place.</summary>
public sealed class CompressionEngine
{
    private const int MaxFinalPassRuns = 3;
    /// <summary>x264's refusal of a second-pass bitrate under its first pass's estimate of the least it can spend.</summary>
    internal const string X264BitrateTooLow = "bitrate is too low";
    /// <summary>Below this share of the cap a budget encode is re-run upward once; the goal is to use what was allowed.</summary>
    private const double MinimumFill = 0.95;
    private const double FirstPassShare = 0.3;
    /// <summary>Share of the cap a first one-pass encode aims at: in the engine x264's one-pass ABR landed within about 1 %
    /// of its aim on moving content (nine encodes aimed at 96 % landed at 95.3–96.8 %, a screen recording at 98.1 %), and
    /// every overshoot costs a whole corrective encode.</summary>
    private const double OnePassAimFill = 0.975;

    private readonly FfmpegTools _tools;
    private readonly MediaProber _prober;

    public CompressionEngine(FfmpegTools? tools = null)
    {
        _tools = tools ?? FfmpegTools.Locate();
        _prober = new MediaProber(_tools);
    }

    public async Task<CompressionResult> CompressAsync(string inputPath, string outputPath, CompressionRequest request,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckOutputPath(inputPath, outputPath, request.Overwrite);
        var source = await _prober.ProbeAsync(inputPath, cancellationToken).ConfigureAwait(false);
        var plan = CompressionPlanner.Plan(source, request);
        // Which audio stream was kept means nothing to an output that carries none.
        bool Applies(string note) => plan.Audio is not null || note != source.AudioStreamsNote;
        List<string> notes = [.. source.Notes.Where(Applies)];

        using var workspace = EncodeWorkspace.Create(inputPath, outputPath);
        var tracker = new ProgressTracker(progress, plan.DurationSeconds);
        if (ResolutionTrial.Applies(plan, out var rungs))
        {
            ResolutionTrial.Outcome trial;
            try
            {
                trial = await ResolutionTrial.ChooseAsync(plan, rungs, _tools, workspace.StatsDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (CompressionException error) when (error.Kind == CompressionFailure.EncoderFailed && error.Target is null)
            {
                throw new CompressionException(CompressionFailure.EncoderFailed,
                    $"ffmpeg failed while choosing the resolution for compressing '{inputPath}' to '{outputPath}': {error.Message}", inputPath, error);
            }

            plan = plan with { Width = trial.Chosen.Width, Height = trial.Chosen.Height };
            notes.Add(trial.Describe());
        }

        var (strategy, finalPassRuns) = await EncodeAsync(plan, workspace, tracker, cancellationToken).ConfigureAwait(false);
        var written = await _prober.ProbeAsync(workspace.TemporaryOutputPath, cancellationToken).ConfigureAwait(false);
        if (UnderFilledNote(plan, strategy, finalPassRuns, written) is { } underFilled)
        {
            notes.Add(underFilled);
        }

        workspace.Commit(outputPath, request.Overwrite);
        tracker.Report(1);
        return new CompressionResult
        {
            OutputPath = outputPath,
            Bytes = written.SizeBytes,
            Width = written.Video.DisplayWidth,
            Height = written.Video.DisplayHeight,
            DurationSeconds = written.DurationSeconds,
            VideoCodec = written.Video.Codec,
            AudioCodec = written.Audio?.Codec,
            PixelFormat = written.Video.PixelFormat,
            FrameRate = written.Video.FrameRate,
            CeilingBytes = plan.CeilingBytes,
            Strategy = strategy,
            FinalPassRuns = finalPassRuns,
            Notes = notes,
            Warnings = [.. source.Warnings.Where(Applies)],
        };
    }

    private async Task<(CompressionStrategy Strategy, int FinalPassRuns)> EncodeAsync(EncodePlan plan, EncodeWorkspace workspace,
        ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var output = workspace.TemporaryOutputPath;
        if (plan.CopyFitsCap && plan.CapBytes is { } fitCap)
        {
            await RunAsync(FfmpegArguments.Remux(plan, output), tracker.Stage(0, 0.1), workspace, cancellationToken).ConfigureAwait(false);
            if (SizeOf(output) <= fitCap)
            {
                return (CompressionStrategy.Remux, 0);
            }
        }

        if (plan.TryQualityFirst)
        {
            var end = plan.CapBytes is null ? 0.95 : 0.4;
            await RunAsync(FfmpegArguments.Quality(plan, output), tracker.Stage(tracker.Current, end), workspace, cancellationToken).ConfigureAwait(false);
            if (plan.CapBytes is null)
            {
                return await KeepSmallerAsync(plan, workspace, tracker, cancellationToken).ConfigureAwait(false);
            }

            if (SizeOf(output) <= plan.CapBytes)
            {
                return (CompressionStrategy.Quality, 1);
            }
        }

        var shortClip = ShortClipSearch.Applies(plan);
        if (shortClip && await SizeSearchAsync(plan, workspace, tracker, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        if (await BitrateEncodeAsync(plan, workspace, tracker, cancellationToken).ConfigureAwait(false) is { } encoded)
        {
            return encoded;
        }

        // Bitrate rate control can miss a cap it could meet: on a few dozen noisy frames x264 overshot by 30 % at every
        // corrected bitrate. The CRF search bounds the size by measurement, so it decides whether the cap is reachable.
        if (!shortClip && await SizeSearchAsync(plan, workspace, tracker, cancellationToken).ConfigureAwait(false) is { } fallback)
        {
            return fallback;
        }

        throw new CompressionException(CompressionFailure.Infeasible,
            $"The encoder could not get '{Path.GetFileName(plan.Source.Path)}' under {plan.Budget!.CapBytes:N0} bytes even at its lowest quality. "
            + "Allow a larger size, a lower resolution, or trim the clip.", plan.Source.Path);
    }

    /// <summary>The CRF size search (<see cref="ShortClipSearch"/>); null when no quality value fits the cap.</summary>
    private async Task<(CompressionStrategy, int)?> SizeSearchAsync(EncodePlan plan, EncodeWorkspace workspace, ProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        var output = workspace.TemporaryOutputPath;
        var encodes = await ShortClipSearch.RunAsync(plan, output, MinimumFill,
            crf => RunAsync(FfmpegArguments.BudgetCrf(plan, crf, output),
                tracker.Stage(tracker.Current, tracker.Current + ((0.97 - tracker.Current) / 3)), workspace, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return encodes > 0 ? (CompressionStrategy.SizeSearch, encodes) : null;
    }

    /// <summary>Without a ceiling, a re-encode that came out no smaller than an unchanged copy is replaced by the copy.</summary>
    private async Task<(CompressionStrategy, int)> KeepSmallerAsync(EncodePlan plan, EncodeWorkspace workspace, ProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        var output = workspace.TemporaryOutputPath;
        if (!plan.CanRemux || SizeOf(output) < plan.Source.SizeBytes)
        {
            return (CompressionStrategy.Quality, 1);
        }

        await RunAsync(FfmpegArguments.Remux(plan, output), tracker.Stage(tracker.Current, 0.99), workspace, cancellationToken).ConfigureAwait(false);
        return (CompressionStrategy.Remux, 0);
    }

    /// <summary>
    /// The bitrate encode: one pass at an average bitrate where the codec's one-pass rate control spends well
    /// (<see cref="VideoEncoder.EncodesInOnePass"/>, and not low-motion content: <see cref="InterFrameCost"/>), two passes
    /// otherwise, or when a one-pass encode came out short of its size: the sign of content it cannot judge without a
    /// first pass. Null when no final pass came in under the cap.
    /// </summary>
    private async Task<(CompressionStrategy, int)?> BitrateEncodeAsync(EncodePlan plan, EncodeWorkspace workspace, ProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        var budget = plan.Budget!;
        if (VideoEncoder.EncodesInOnePass(plan.Codec)
            && !await InterFrameCost.IsLowMotionAsync(_tools, plan, cancellationToken).ConfigureAwait(false))
        {
            var onePass = await FinalPassesAsync(plan, workspace, tracker, (long)(budget.VideoBitsPerSecond * OnePassAimFill / BudgetCalculator.FirstAimFill),
                statsPrefix: null, cancellationToken).ConfigureAwait(false);
            if (!onePass.ShortOnFirstRun)
            {
                return onePass.Fitted;
            }
        }

        var start = tracker.Current;
        await RunAsync(FfmpegArguments.FirstPass(plan, budget.VideoBitsPerSecond, workspace.StatsPrefix),
            tracker.Stage(start, start + ((1 - start) * FirstPassShare)), workspace, cancellationToken).ConfigureAwait(false);
        return (await FinalPassesAsync(plan, workspace, tracker, budget.VideoBitsPerSecond, workspace.StatsPrefix, cancellationToken)
            .ConfigureAwait(false)).Fitted;
    }

    /// <summary>What the final passes came to: the encode that fitted (null: none did), or a one-pass first run that
    /// fell short of <see cref="MinimumFill"/> and was left for two passes.</summary>
    private sealed record FinalPasses((CompressionStrategy, int)? Fitted, bool ShortOnFirstRun = false);

    /// <summary>Up to <see cref="MaxFinalPassRuns"/> final passes (one-pass average bitrate when <paramref name="statsPrefix"/>
    /// is null, pass 2 otherwise), each bitrate corrected by the sizes the runs before it measured.</summary>
    private async Task<FinalPasses> FinalPassesAsync(EncodePlan plan, EncodeWorkspace workspace, ProgressTracker tracker,
        long bitrate, string? statsPrefix, CancellationToken cancellationToken)
    {
        var budget = plan.Budget!;
        var output = workspace.TemporaryOutputPath;
        var correction = new SizeCorrection(budget);
        for (var run = 1; run <= MaxFinalPassRuns; run++)
        {
            var stageEnd = run == 1 ? 0.97 : 0.99;
            var arguments = statsPrefix is null ? FfmpegArguments.AverageBitrate(plan, bitrate, output)
                : FfmpegArguments.SecondPass(plan, bitrate, statsPrefix, output);
            try
            {
                await RunAsync(arguments, tracker.Stage(tracker.Current, stageEnd), workspace, cancellationToken).ConfigureAwait(false);
            }
            catch (CompressionException error) when (error.Message.Contains(X264BitrateTooLow, StringComparison.Ordinal))
            {
                // Below what pass 1 says the picture needs at x264's coarsest quantiser: no bitrate fits this way.
                return new FinalPasses(null);
            }

            var size = SizeOf(output);
            var withinCap = size <= budget.CapBytes;
            if (statsPrefix is null && run == 1 && withinCap && size < budget.CapBytes * MinimumFill)
            {
                return new FinalPasses(null, ShortOnFirstRun: true);
            }

            // An upward correction is allowed only while a later run could still correct an overshoot.
            var finalRun = run == MaxFinalPassRuns || (withinCap && run >= MaxFinalPassRuns - 1);
            if (withinCap && (size >= budget.CapBytes * MinimumFill || finalRun))
            {
                return new FinalPasses((statsPrefix is null ? CompressionStrategy.AverageBitrate : CompressionStrategy.TwoPass, run));
            }

            bitrate = correction.NextVideoBitsPerSecond(bitrate, size);
            if (bitrate < BudgetCalculator.MinimumVideoBitsPerSecond)
            {
                break;
            }
        }

        return new FinalPasses(null);
    }

    /// <summary>A failure names the source and the requested output, never the internal temporary file, whichever step failed
    /// (a first pass writes no file, so its own error text names none).</summary>
    private async Task RunAsync(List<string> arguments, Action<string> onProgressLine, EncodeWorkspace workspace,
        CancellationToken cancellationToken)
    {
        var outcome = await ToolProcess.RunAsync(_tools.FfmpegPath, arguments, onProgressLine, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            var detail = outcome.StandardErrorTail.Replace(workspace.TemporaryOutputPath, workspace.FinalOutputPath, StringComparison.Ordinal)
                .Replace(workspace.StatsPrefix, "(pass statistics)", StringComparison.Ordinal);
            throw new CompressionException(CompressionFailure.EncoderFailed,
                $"ffmpeg failed with exit code {outcome.ExitCode} while compressing '{workspace.SourcePath}' to '{workspace.FinalOutputPath}': {detail}",
                workspace.SourcePath);
        }
    }

    /// <summary>
    /// A budget encode that stayed under <see cref="MinimumFill"/> of its cap after its corrective runs: the content
    /// needed no more (a static picture, a few frames), which the user should hear rather than guess at.
    /// </summary>
    private static string? UnderFilledNote(EncodePlan plan, CompressionStrategy strategy, int runs, MediaInfo written)
    {
        if (plan.Budget is not { } budget || strategy is not (CompressionStrategy.AverageBitrate or CompressionStrategy.TwoPass or CompressionStrategy.SizeSearch)
            || written.SizeBytes >= budget.CapBytes * MinimumFill)
        {
            return null;
        }

        var share = (double)written.SizeBytes / budget.CapBytes;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The output uses {share:P0} of the {budget.CapBytes:N0}-byte ceiling: after {runs} {(runs == 1 ? "encode" : "encodes")} "
            + $"at {written.Video.DisplayWidth}x{written.Video.DisplayHeight} the encoder could not spend more on this content (it needs no more at this size).");
    }

    private static void CheckOutputPath(string inputPath, string outputPath, bool overwrite)
    {
        var fullOutput = Path.GetFullPath(outputPath);
        if (string.Equals(Path.GetFullPath(inputPath), fullOutput, StringComparison.Ordinal))
        {
            throw FormatChoice.Invalid($"The output '{outputPath}' is the source itself; a source video is never overwritten. Choose another name.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(fullOutput)))
        {
            throw new CompressionException(CompressionFailure.InvalidRequest,
                $"The folder for '{outputPath}' does not exist. Create it first.", outputPath);
        }

        if (!overwrite && File.Exists(fullOutput))
        {
            throw new CompressionException(CompressionFailure.OutputExists,
                $"'{outputPath}' already exists. Choose another name or allow overwriting.", outputPath);
        }
    }

    private static long SizeOf(string path) => new FileInfo(path).Length;
}
