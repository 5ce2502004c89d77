using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;

namespace NemoVideo.Module.Handlers
{
    /// <summary>The export steps Export-NemoVideo and Compress-NemoVideo share: state → render → wait → download.</summary>
    internal static class RenderSteps
    {
        public static async Task<RenderJob> SubmitAsync(INemoClient client, NemoSession session, StepProgress step, CancellationToken cancellationToken)
        {
            step.Stage("Reading the timeline");
            var state = await client.GetStateAsync(session, cancellationToken).ConfigureAwait(false);
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

        public static async Task<DownloadResult> WaitAndDownloadAsync(
            INemoClient client, NemoSession session, RenderJob job, string destination, bool overwrite, StepProgress step, CancellationToken cancellationToken)
        {
            var completed = await client.WaitForRenderAsync(session, job, step.ForRender(), cancellationToken).ConfigureAwait(false);
            return await client.DownloadAsync(completed, destination, overwrite, step.ForDownload(), cancellationToken).ConfigureAwait(false);
        }
    }
}
