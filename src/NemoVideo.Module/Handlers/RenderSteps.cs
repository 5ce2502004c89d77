using System;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>The export steps Export-NemoVideo and Compress-NemoVideo share: state → render → wait → download.</summary>
    internal static class RenderSteps
    {
        public static async Task<RenderJob> SubmitAsync(INemoClient client, NemoSession session, StepProgress step, CancellationToken cancellationToken)
        {
            var state = await ReadStateAsync(client, session, step, cancellationToken).ConfigureAwait(false);
            if (state.Draft == null)
            {
                throw new NemoException(
                    NemoErrorIds.ExportNothingToExport,
                    NemoErrorCategory.InvalidOperation,
                    $"Session {session.SessionId} has nothing to export yet.",
                    "Upload a video with Send-NemoVideo and describe the edit with Invoke-NemoInstruction first.",
                    target: session.SessionId);
            }

            step.Stage("Submitting the render");
            return await client.SubmitRenderAsync(session, state.Draft, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// A render submitted earlier (Export-NemoVideo -NoWait), shaped for the client's wait; nothing is submitted.
        /// The state is read only because the client resubmits a failed render once, from the job's draft. Without a
        /// draft the render is still waited for (it needs none to finish) with NemoDraft.None, not exportable, so the client's
        /// one resubmission of a failed render stops with Nemo.Export.NothingToExport rather than send an empty timeline; not an error: the
        /// client's types allow one, and refusing would throw away a render that may well be complete.
        /// </summary>
        /// <remarks>Attempt 1: should the earlier render have failed, this run may resubmit it once.</remarks>
        public static async Task<RenderJob> ResumeAsync(INemoClient client, NemoSession session, string renderId, StepProgress step, CancellationToken cancellationToken)
        {
            var state = await ReadStateAsync(client, session, step, cancellationToken).ConfigureAwait(false);
            return new RenderJob(renderId, session.SessionId, RenderStatus.Pending, 0, null, null, state.Draft ?? NemoDraft.None, 1);
        }

        /// <param name="resubmitted">Called with the new render id when the client resubmits a failed render, before it is polled.</param>
        public static async Task<DownloadResult> WaitAndDownloadAsync(
            INemoClient client, NemoSession session, RenderJob job, string destination, bool overwrite, StepProgress step, CancellationToken cancellationToken,
            Action<string>? resubmitted = null)
        {
            var shown = step.ForRender();
            var known = job.Id;
            IProgress<RenderProgress> progress = resubmitted is null ? shown : new CallbackProgress<RenderProgress>(render =>
            {
                if (render.RenderId != known)
                {
                    known = render.RenderId;
                    resubmitted(render.RenderId);
                }

                shown.Report(render);
            });
            var completed = await client.WaitForRenderAsync(session, job, progress, cancellationToken).ConfigureAwait(false);
            return await client.DownloadAsync(completed, destination, overwrite, step.ForDownload(), cancellationToken).ConfigureAwait(false);
        }

        private static Task<NemoState> ReadStateAsync(INemoClient client, NemoSession session, StepProgress step, CancellationToken cancellationToken)
        {
            step.Stage("Reading the timeline");
            return client.GetStateAsync(session, cancellationToken);
        }
    }
}
