using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Export-NemoVideo: render each session's timeline and download it. The client writes to a temporary name and
    /// renames when complete, so a stopped export leaves no partial file; an existing file is replaced only with -Force
    /// (or, interactively, when the user says yes).
    /// </summary>
    public sealed class ExportHandler
    {
        private const string Activity = "Exporting from NemoVideo";

        private readonly ConnectionResolver connections;
        private readonly IReadOnlyList<string?> sessionIds;
        private readonly ExportRequest request;
        private readonly TimeProvider clock;

        public ExportHandler(ConnectionResolver connections, IReadOnlyList<string?> sessionIds, ExportRequest request, TimeProvider clock)
        {
            this.connections = connections;
            this.sessionIds = sessionIds;
            this.request = request;
            this.clock = clock;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            if (request.OutFile != null && sessionIds.Count > 1)
            {
                throw new CommandTerminatedException(ErrorMapper.Create(
                    ModuleErrorIds.ExportOutFileForManySessions, ErrorCategory.InvalidArgument, request.OutFile,
                    $"{sessionIds.Count} sessions came down the pipeline but -OutFile names one file.",
                    "Use -Destination with a folder to export several sessions."));
            }

            var destination = host.GetUnresolvedPath(request.OutFile ?? request.Destination ?? ".");
            var throttle = new ProgressThrottle(host, clock);
            foreach (var sessionId in sessionIds)
            {
                var target = connections.For(sessionId);
                await ItemFailures.RunAsync(
                    host,
                    target.Session.SessionId,
                    () => ExportAsync(host, target, destination, new StepProgress(host, throttle, ProgressIds.Command, -1, Activity), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task ExportAsync(ICommandHost host, SessionTarget target, string destination, StepProgress step, CancellationToken cancellationToken)
        {
            var sessionId = target.Session.SessionId;
            if (!host.ShouldProcess(destination, $"Export session {sessionId}"))
            {
                return;
            }

            var overwrite = request.Force || (request.OutFile != null && File.Exists(destination) && ConfirmReplace(host, destination));
            if (request.OutFile != null && File.Exists(destination) && !overwrite)
            {
                throw new NemoException(
                    NemoErrorIds.DownloadFileExists, NemoErrorCategory.ResourceExists, $"{destination} already exists.",
                    "Use -Force to replace it, or choose another -OutFile.", target: destination);
            }

            Directory.CreateDirectory(request.OutFile == null ? destination : Path.GetDirectoryName(destination)!);

            try
            {
                var job = await RenderSteps.SubmitAsync(target.Client, target.Session, step, cancellationToken).ConfigureAwait(false);
                if (request.NoWait)
                {
                    host.WriteObject(new NemoRenderJob(job));
                    return;
                }

                var download = await RenderSteps.WaitAndDownloadAsync(target.Client, target.Session, job, destination, overwrite, step, cancellationToken).ConfigureAwait(false);
                host.WriteObject(new NemoExportedFile(download, sessionId));
            }
            finally
            {
                step.Complete();
            }
        }

        private static bool ConfirmReplace(ICommandHost host, string path) =>
            host.IsInteractive && host.ShouldContinue($"{path} already exists. Replace it?", "Replace file");
    }
}
