using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Compress-NemoVideo: for each file, in its own session, upload → instruction → export → download, up to
    /// ThrottleLimit files at a time. A file whose output exists is skipped (so a rerun resumes) unless -Force; a failed
    /// file is a non-terminating error and the others go on. One result object per file.
    /// </summary>
    public sealed class CompressHandler
    {
        private const string Activity = "Compressing videos";
        private const string OutputExtension = ".mp4";

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
            var files = PathArgument.ResolveAll(host, request.Inputs);
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
            var claimedOutputs = new HashSet<string>(PathComparer);
            var finished = 0;
            host.WriteProgress(Overall(0, files.Count));

            async Task CompressAndCountAsync(string file, int index)
            {
                var output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(file) + OutputExtension);
                try
                {
                    await CompressOneAsync(host, throttle, slots, file, output, !claimedOutputs.Add(output), ProgressIds.FirstItem + index, cancellationToken).ConfigureAwait(false);
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
                host.WriteProgress(new ProgressInfo(ProgressIds.Command, Activity, "Done") { Completed = true });
            }
        }

        private static ProgressInfo Overall(int finished, int total) =>
            new ProgressInfo(ProgressIds.Command, Activity, $"{finished} of {total} files done") { PercentComplete = finished * 100 / total };

        private async Task CompressOneAsync(
            ICommandHost host, ProgressThrottle throttle, SemaphoreSlim slots, string input, string output, bool duplicate, int activityId, CancellationToken cancellationToken)
        {
            var inputSize = new FileInfo(input).Length;
            if (PathComparer.Equals(input, output) || duplicate)
            {
                host.WriteError(ErrorMapper.Create(
                    duplicate ? ModuleErrorIds.CompressDuplicateOutput : ModuleErrorIds.CompressOutputIsInput,
                    ErrorCategory.InvalidArgument,
                    input,
                    duplicate ? $"Another input already writes {output}." : $"The output {output} would replace the source video.",
                    "Choose another -OutputDirectory, or compress files with the same name in separate runs."));
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, null, CompressionStatus.Failed));
                return;
            }

            if (File.Exists(output) && !request.Force)
            {
                host.WriteVerbose($"Skipping {input}: {output} already exists (use -Force to redo it).");
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, new FileInfo(output).Length, CompressionStatus.Skipped));
                return;
            }

            if (!host.ShouldProcess(output, $"Compress {input} to under {ByteSize.Format(request.MaxSize)}"))
            {
                return;
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
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

                long? outputSize = null;
                var succeeded = await ItemFailures.RunAsync(
                    host,
                    input,
                    async () => outputSize = await CompressAsync(host, input, output, step, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                host.WriteObject(new NemoCompressionResult(input, output, inputSize, outputSize, succeeded ? CompressionStatus.Compressed : CompressionStatus.Failed));
            }
            finally
            {
                room?.Dispose();
                step.Complete();
                slots.Release();
            }
        }

        private async Task<long> CompressAsync(ICommandHost host, string input, string output, StepProgress step, CancellationToken cancellationToken)
        {
            var client = connection.Client;
            step.Stage("Opening a session");
            var session = await client.CreateSessionAsync(request.Language, cancellationToken).ConfigureAwait(false);
            await client.UploadFileAsync(session, input, step.ForUpload(), cancellationToken).ConfigureAwait(false);

            var instruction = CompressionInstruction.Build(request.MaxSize, request.Resolution, request.NoAudio);
            host.WriteVerbose($"{Path.GetFileName(input)}: \"{instruction}\" (session {session.SessionId})");
            await client.SendInstructionAsync(session, instruction, step.ForInstruction(), cancellationToken).ConfigureAwait(false);

            var job = await RenderSteps.SubmitAsync(client, session, step, cancellationToken).ConfigureAwait(false);
            var download = await DownloadAdvice.ForConnectionAsync(connection,
                () => RenderSteps.WaitAndDownloadAsync(client, session, job, output, request.Force, step, cancellationToken)).ConfigureAwait(false);
            if (download.Length > request.MaxSize)
            {
                host.WriteWarning($"{output} is {ByteSize.Format(download.Length)}, over the {ByteSize.Format(request.MaxSize)} asked for ({ModuleErrorIds.CompressOverBudget}).");
            }

            return download.Length;
        }
    }
}
