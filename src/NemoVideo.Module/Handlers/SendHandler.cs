using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Send-NemoVideo: upload files (one at a time, file i of n and bytes) or URLs; one object per media.</summary>
    public sealed class SendHandler
    {
        private const string Activity = "Uploading to NemoVideo";

        private readonly SessionTarget target;
        private readonly IReadOnlyList<PathArgument> paths;
        private readonly IReadOnlyList<Uri> uris;
        private readonly TimeProvider clock;

        public SendHandler(SessionTarget target, IReadOnlyList<PathArgument> paths, IReadOnlyList<Uri> uris, TimeProvider clock)
        {
            this.target = target;
            this.paths = paths;
            this.uris = uris;
            this.clock = clock;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var progress = new ProgressThrottle(host, clock);
            var files = PathArgument.ResolveAll(host, paths, CmdletNames.Upload);
            var total = files.Count + uris.Count;
            var done = 0;
            foreach (var file in files)
            {
                ReportItem(host, done++, total, Path.GetFileName(file));
                var step = new StepProgress(host, progress, ProgressIds.FirstItem, ProgressIds.Command, $"Uploading {Path.GetFileName(file)}");
                await ItemFailures.RunAsync(
                    host,
                    file,
                    async () => Write(host, await target.Client.UploadFileAsync(target.Session, file, step.ForUpload(), cancellationToken).ConfigureAwait(false)),
                    cancellationToken,
                    itemIsTarget: true).ConfigureAwait(false);
                step.Complete();
            }

            foreach (var uri in uris)
            {
                ReportItem(host, done++, total, uri.ToString());
                await ItemFailures.RunAsync(
                    host,
                    uri,
                    async () => Write(host, await target.Client.UploadUrlAsync(target.Session, uri, cancellationToken).ConfigureAwait(false)),
                    cancellationToken,
                    itemIsTarget: true).ConfigureAwait(false);
            }

            host.WriteProgress(new ProgressInfo(ProgressIds.Command, Activity, "Done") { Completed = true });
        }

        // Once per item, so not throttled: only the byte counts come fast enough to need it.
        private static void ReportItem(ICommandHost host, int index, int total, string name) =>
            host.WriteProgress(new ProgressInfo(ProgressIds.Command, Activity, $"File {index + 1} of {total}: {name}")
            {
                PercentComplete = index * 100 / total,
            });

        private static void Write(ICommandHost host, IReadOnlyList<NemoMedia> media)
        {
            foreach (var item in media)
            {
                host.WriteObject(new NemoUploadedMedia(item));
            }
        }
    }
}
