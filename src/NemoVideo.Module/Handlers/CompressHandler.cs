using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Batch;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Compress-NemoVideo: for each file, in its own session, upload → instruction → export → download, up to
    /// ThrottleLimit files at a time. A file whose output exists is skipped (so a rerun resumes) unless -Force; a failed
    /// file is a non-terminating error and the others go on. One result object per file. Each step is kept in the
    /// output folder's journal (<see cref="BatchJournal"/>), so a rerun continues an interrupted file where it stood.
    /// </summary>
    public sealed class CompressHandler
    {
        private const string Activity = "Compressing videos";
        private const string OutputExtension = ".mp4";

        /// <summary>
        /// How often a file that failed for a transient reason (<see cref="TransientForFile"/>) is continued in the same
        /// run. Each call already had the contract's one retry; a file makes dozens of calls, so under a busy service a
        /// batch would otherwise leave a few files for a rerun every time.
        /// </summary>
        public const int MaxContinuations = 2;

        /// <summary>1 s, then 2 s: the pause before each continuation.</summary>
        public static TimeSpan ContinuationPause(int continuation) => TimeSpan.FromSeconds(1 << continuation);

        private static readonly StringComparer PathComparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        private readonly NemoConnection connection;
        private readonly CompressRequest request;
        private readonly TimeProvider clock;
        private readonly OutputPreflight preflight;

        public CompressHandler(NemoConnection connection, CompressRequest request, TimeProvider clock, OutputPreflight? preflight = null)
        {
            this.connection = connection;
            this.request = request;
            this.clock = clock;
            this.preflight = preflight ?? new OutputPreflight();
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var files = PathArgument.ResolveAll(host, request.Inputs, "Compress-NemoVideo");
            if (files.Count == 0)
            {
                return;
            }

            var outputDirectory = host.GetUnresolvedPath(request.OutputDirectory);
            if (OutputPreflight.CheckFolder(outputDirectory) is CommandError unwritable)
            {
                throw new CommandTerminatedException(unwritable);
            }

            var throttle = new ProgressThrottle(host, clock);
            var slots = new SemaphoreSlim(Math.Max(1, request.ThrottleLimit));
            // Output name -> the input that writes it; a file refused by its extension writes nothing and claims nothing.
            var claimedOutputs = new Dictionary<string, string>(PathComparer);
            var finished = 0;
            var pending = files.Count(file => (request.Force || !File.Exists(Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(file) + OutputExtension)))
                && MediaRefusal.ForCompressionByExtension(file) == null);
            var credits = await CreditPlan.ReadAsync(connection.Client, pending, host, cancellationToken).ConfigureAwait(false);
            // Opened by the first file that will really run, so -WhatIf writes nothing.
            var journal = new Lazy<BatchJournal>(() => OpenJournal(outputDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
            host.WriteProgress(Overall(0, files.Count));

            async Task CompressAndCountAsync(string file, int index)
            {
                var output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(file) + OutputExtension);
                try
                {
                    var claimant = MediaRefusal.ForCompressionByExtension(file) is null ? Claim(claimedOutputs, output, file) : null;
                    await CompressOneAsync(host, throttle, slots, journal, credits, file, output, claimant, ProgressIds.FirstItem + index, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    host.WriteProgress(Overall(Interlocked.Increment(ref finished), files.Count));
                }
            }

            // Outputs are claimed in input order before any file starts, so which duplicate wins does not depend on timing.
            var work = files.Select((file, index) => CompressAndCountAsync(file, index)).ToList();
            try
            {
                await Task.WhenAll(work).ConfigureAwait(false);
            }
            finally
            {
                if (journal.IsValueCreated)
                {
                    // Releases the folder; the lock file goes with the handle (BatchJournal.Open).
                    journal.Value.Dispose();
                }

                host.WriteProgress(new ProgressInfo(ProgressIds.Command, Activity, "Done") { Completed = true });
            }
        }

        /// <summary>Null when <paramref name="file"/> now writes <paramref name="output"/>; else the input that claimed it first.</summary>
        private static string? Claim(Dictionary<string, string> claimed, string output, string file)
        {
            if (claimed.TryGetValue(output, out var first))
            {
                return first;
            }

            claimed.Add(output, file);
            return null;
        }

        private static BatchJournal OpenJournal(string outputDirectory)
        {
            try
            {
                // Made here, by the first file that really runs, so -WhatIf and a declined -Confirm create no folder.
                Directory.CreateDirectory(outputDirectory);
                return BatchJournal.Open(outputDirectory);
            }
            catch (NemoException busy)
            {
                throw new CommandTerminatedException(ErrorMapper.FromException(busy, outputDirectory));
            }
        }

        private static ProgressInfo Overall(int finished, int total) =>
            new ProgressInfo(ProgressIds.Command, Activity, $"{finished} of {total} files done") { PercentComplete = finished * 100 / total };

        private async Task CompressOneAsync(
            ICommandHost host, ProgressThrottle throttle, SemaphoreSlim slots, Lazy<BatchJournal> journal, CreditPlan credits, string input, string output, string? claimant, int activityId, CancellationToken cancellationToken)
        {
            long inputSize;
            try
            {
                inputSize = RealPath.FileOf(input).Length;
            }
            catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
            {
                // Gone or unreadable since it was resolved: this file's error alone; the batch goes on.
                host.WriteError(PathErrors.Unreadable(input, null, failure.Message));
                host.WriteObject(new NemoCompressionResult(input, output, 0, null, CompressionStatus.Failed));
                return;
            }

            // Audio and pictures are refused for what they are before a session, an upload or an instruction is paid for.
            if (MediaRefusal.ForCompressionByExtension(input) is NemoException notVideo)
            {
                host.WriteError(ErrorMapper.FromException(notVideo, input));
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, null, CompressionStatus.Failed));
                return;
            }

            var duplicate = claimant != null;
            // Compared with links followed: an output folder that is a link to the source's folder names the source too.
            if (PathComparer.Equals(RealPath.Of(input), RealPath.Of(output)) || duplicate)
            {
                host.WriteError(ErrorMapper.Create(
                    duplicate ? ModuleErrorIds.CompressDuplicateOutput : ModuleErrorIds.CompressOutputIsInput,
                    ErrorCategory.InvalidArgument,
                    input,
                    duplicate ? $"{claimant} already writes {output}, so this file was not compressed." : $"The output {output} would replace the source video.",
                    duplicate
                        ? $"Compress it into another folder (for example -OutputDirectory '{Path.Combine(Path.GetDirectoryName(output) ?? ".", Path.GetFileName(Path.GetDirectoryName(input) ?? "other")).Replace("'", "''")}'), or rename one of the sources."
                        : "Choose another -OutputDirectory: the source is never overwritten."));
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, null, CompressionStatus.Failed));
                return;
            }

            if (File.Exists(output) && !request.Force)
            {
                host.WriteVerbose($"Skipping {input}: {output} already exists (use -Force to redo it).");
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, new FileInfo(output).Length, CompressionStatus.Skipped));
                return;
            }

            var cost = credits.Estimate is null ? string.Empty : $" (about {CreditPlan.CreditsPerFile} credits; the batch: {credits.Estimate})";
            if (!host.ShouldProcess(output, $"Compress {input} to under {ByteSize.FormatCeiling(request.MaxSize)}{cost}"))
            {
                return;
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (credits.Stopped)
            {
                // Out of credits: what is done stays done; nothing new is started to fail the same way.
                slots.Release();
                host.WriteError(credits.NotStarted(input));
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, null, CompressionStatus.Failed));
                return;
            }

            var step = new StepProgress(host, throttle, activityId, ProgressIds.Command, $"Compressing {Path.GetFileName(input)}");
            IDisposable? room = null;
            try
            {
                if (preflight.Reserve(input, output, Math.Min(request.MaxSize, inputSize), out room) is CommandError noRoom)
                {
                    host.WriteError(noRoom);
                    host.WriteObject(new NemoCompressionResult(input, output, inputSize, null, CompressionStatus.Failed));
                    return;
                }

                DownloadResult? download = null;
                var succeeded = await ItemFailures.RunAsync(
                    host,
                    input,
                    async () =>
                    {
                        try
                        {
                            download = await CompressAsync(host, journal.Value, credits, input, output, step, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception failure)
                        {
                            credits.Note(failure);
                            if (failure is NemoException refused && InfeasibleAdvice.Applies(refused))
                            {
                                throw InfeasibleAdvice.For(refused, input, request);
                            }

                            throw;
                        }
                    },
                    cancellationToken,
                    itemIsTarget: true).ConfigureAwait(false);
                var status = !succeeded ? CompressionStatus.Failed
                    : IsOverBudget(download!) ? CompressionStatus.OverBudget
                    : CompressionStatus.Compressed;
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, download?.Length, status)
                {
                    Notes = download?.Notes.ToArray() ?? new string[0],
                });
            }
            finally
            {
                room?.Dispose();
                step.Complete();
                slots.Release();
            }
        }

        private async Task<DownloadResult> CompressAsync(ICommandHost host, BatchJournal journal, CreditPlan credits, string input, string output, StepProgress step, CancellationToken cancellationToken)
        {
            var instruction = CompressionInstruction.Build(request.MaxSize, request.Resolution, request.NoAudio);
            var steps = new ResumableCompression(connection.Client, connection.Endpoint.AbsoluteUri, journal, host, clock, request.Language, credits);
            DownloadResult download;
            for (var continuation = 0; ; continuation++)
            {
                try
                {
                    download = await ConnectionAdvice.ForConnectionAsync(connection,
                        () => steps.RunAsync(input, output, instruction, request.Force, step, cancellationToken)).ConfigureAwait(false);
                    break;
                }
                catch (NemoException error) when (continuation < MaxContinuations && TransientForFile.IsTransient(error, connection.Account == "Anonymous"))
                {
                    // The journal makes continuing safe: nothing done is done again, and nothing paid for is paid again.
                    // The pause lets a busy service recover before this file asks again.
                    var pause = ContinuationPause(continuation);
                    host.WriteVerbose($"{Path.GetFileName(input)}: {error.ErrorId} ({error.Message}); continuing the file from where it stood in {pause.TotalSeconds:0} s ({continuation + 1} of {MaxContinuations}).");
                    await clock.Delay(pause, cancellationToken).ConfigureAwait(false);
                }
            }

            journal.Remove(input);
            if (IsOverBudget(download))
            {
                host.WriteWarning($"{output} is {ByteSize.Format(download.Length)}, over the {ByteSize.FormatCeiling(request.MaxSize)} asked for ({ModuleErrorIds.CompressOverBudget}); it is kept with Status OverBudget. Allow a larger size, or run again with -Force for a new try.");
            }

            RenderNotes.Write(host, input, download);
            return download;
        }

        /// <summary>Whether a download is larger than -MaxSize: the warning and the result's Status must agree.</summary>
        private bool IsOverBudget(DownloadResult download) => download.Length > request.MaxSize;
    }
}
