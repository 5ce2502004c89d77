using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Export-NemoVideo: render each session's timeline (or take up a render already running) and download it. The
    /// client writes to a temporary name and renames when complete, so a stopped export leaves no partial file; an
    /// existing file is replaced only with -Force. It never asks a question of its own: a console read would block,
    /// fail or take a stray newline as "yes" whenever standard input is redirected, so the only prompt is
    /// PowerShell's own -Confirm, which the host answers.
    /// </summary>
    public sealed class ExportHandler
    {
        private const string Activity = "Exporting from NemoVideo";

        private readonly ConnectionResolver connections;
        private readonly IReadOnlyList<ExportItem> items;
        private readonly ExportRequest request;
        private readonly TimeProvider clock;
        private readonly OutputPreflight preflight;

        public ExportHandler(ConnectionResolver connections, IReadOnlyList<ExportItem> items, ExportRequest request, TimeProvider clock, OutputPreflight? preflight = null)
        {
            this.connections = connections;
            this.items = items;
            this.request = request;
            this.clock = clock;
            this.preflight = preflight ?? new OutputPreflight();
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var resumed = items.FirstOrDefault(item => item.RenderId != null);
            if (request.NoWait && resumed != null)
            {
                throw new CommandTerminatedException(ErrorMapper.Create(
                    ModuleErrorIds.ExportRenderIdWithNoWait, ErrorCategory.InvalidArgument, resumed.RenderId,
                    $"-NoWait starts a render and returns it, but render {resumed.RenderId} is already running.",
                    "Leave out -NoWait to wait for that render and download it."));
            }

            if (request.OutFile != null && items.Count > 1)
            {
                throw new CommandTerminatedException(ErrorMapper.Create(
                    ModuleErrorIds.ExportOutFileForManySessions, ErrorCategory.InvalidArgument, request.OutFile,
                    $"{items.Count} sessions or renders came down the pipeline but -OutFile names one file.",
                    "Use -Destination with a folder to export several."));
            }

            var destination = host.GetUnresolvedPath(request.OutFile ?? request.Destination ?? ".");
            var throttle = new ProgressThrottle(host, clock);
            foreach (var item in items)
            {
                var target = connections.For(item.SessionId);
                await ItemFailures.RunAsync(
                    host,
                    item.RenderId ?? target.Session.SessionId,
                    () => ExportAsync(host, target, item.RenderId, destination, new StepProgress(host, throttle, ProgressIds.Command, -1, Activity), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        /// <param name="renderId">A render already running to download, or null to submit a new one.</param>
        private async Task ExportAsync(ICommandHost host, SessionTarget target, string? renderId, string destination, StepProgress step, CancellationToken cancellationToken)
        {
            var sessionId = target.Session.SessionId;
            var action = renderId == null ? $"Export session {sessionId}" : $"Export render {renderId} of session {sessionId}";
            if (!host.ShouldProcess(destination, action))
            {
                return;
            }

            var overwrite = request.Force;
            if (request.OutFile != null && File.Exists(destination) && !overwrite)
            {
                throw new NemoException(
                    NemoErrorIds.DownloadFileExists, NemoErrorCategory.ResourceExists, $"{destination} already exists.",
                    "Use -Force to replace it, or choose another -OutFile.", target: destination);
            }

            // Before the render: a destination that cannot take the file must not cost a render first.
            if (ExportDestination.Check(preflight, destination, isFile: request.OutFile != null) is CommandError unusable)
            {
                throw new CommandTerminatedException(unusable);
            }

            // The check creates nothing (so -WhatIf leaves the disk as it was); the folder is made once the user said yes.
            Directory.CreateDirectory(request.OutFile == null ? destination : Path.GetDirectoryName(destination)!);
            try
            {
                var job = renderId == null
                    ? await RenderSteps.SubmitAsync(target.Client, target.Session, step, cancellationToken).ConfigureAwait(false)
                    : await RenderSteps.ResumeAsync(target.Client, target.Session, renderId, step, cancellationToken).ConfigureAwait(false);
                if (request.NoWait)
                {
                    host.WriteObject(new NemoRenderJob(job));
                    return;
                }

                DownloadResult download;
                try
                {
                    download = await ConnectionAdvice.ForConnectionAsync(target.Connection,
                        () => RenderSteps.WaitAndDownloadAsync(target.Client, target.Session, job, destination, overwrite, step, cancellationToken)).ConfigureAwait(false);
                }
                catch (NemoException failed) when (RenderFailure.AboutSource(failed, job.Draft) is NemoException aboutSource)
                {
                    throw aboutSource;
                }
                // Labelled with the file the notes are about (the downloaded file), not the folder it went to.
                RenderNotes.Write(host, download.Path, download);
                host.WriteObject(new NemoExportedFile(download, sessionId));
            }
            finally
            {
                step.Complete();
            }
        }
    }
}
