using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// The whole NemoVideo contract. Works unchanged against the hosted service and the local server.
    /// Every failure the caller can act on is a <see cref="NemoException"/>; cancellation is an <see cref="OperationCanceledException"/>.
    /// </summary>
    public interface INemoClient : IDisposable
    {
        /// <summary>Opens a new project. Gets an anonymous token first when no token was supplied.</summary>
        Task<NemoSession> CreateSessionAsync(string language, CancellationToken cancellationToken);

        /// <summary>Refers to an existing session without a network call; a stale id fails later with Nemo.Session.NotFound.</summary>
        NemoSession ResumeSession(string sessionId, string? taskId, string language);

        /// <summary>A browser link to the project made from a claim token (which has no API rights), never from the API token.</summary>
        Task<Uri> GetBrowserLinkAsync(NemoSession session, CancellationToken cancellationToken);

        /// <summary>Streams one file from disk as multipart field <c>files</c>. Checked before sending; never retried after the body started.</summary>
        Task<IReadOnlyList<NemoMedia>> UploadFileAsync(NemoSession session, string path, IProgress<UploadProgress>? progress, CancellationToken cancellationToken);

        Task<IReadOnlyList<NemoMedia>> UploadUrlAsync(NemoSession session, Uri url, CancellationToken cancellationToken);

        /// <summary>
        /// Sends one instruction to the agent and reads its event stream. Never re-sends: after a dropped stream or a reply
        /// with no text it reads the state until it changes and reports the changes. Callers should route requests that
        /// <see cref="InstructionRouter.Classify"/> does not send to the agent before calling this.
        /// </summary>
        Task<InstructionResult> SendInstructionAsync(NemoSession session, string text, IProgress<InstructionProgress>? progress, CancellationToken cancellationToken);

        Task<NemoCredit> GetCreditsAsync(CancellationToken cancellationToken);

        Task<NemoState> GetStateAsync(NemoSession session, CancellationToken cancellationToken);

        /// <summary>Submits the draft exactly as the state gave it. Fails with Nemo.Export.NothingToExport when it has no segments.</summary>
        Task<RenderJob> SubmitRenderAsync(NemoSession session, NemoDraft draft, CancellationToken cancellationToken);

        /// <summary>
        /// Asks once where the render <paramref name="renderId"/> of <paramref name="session"/> stands (status, progress,
        /// output, and <see cref="RenderJob.QueuePosition"/> when the server reports one); no waiting and no resubmission.
        /// The job carries no draft. Errors as for any call (an id the service does not know: its not-found error).
        /// </summary>
        Task<RenderJob> GetRenderAsync(NemoSession session, string renderId, CancellationToken cancellationToken);

        /// <summary>Polls until completed (fast at first, backing off to 30 s, honouring Retry-After); resubmits once on failed.</summary>
        Task<RenderJob> WaitForRenderAsync(NemoSession session, RenderJob job, IProgress<RenderProgress>? progress, CancellationToken cancellationToken);

        /// <summary>
        /// Downloads a completed render to a temporary file in the destination folder and renames it when complete.
        /// <paramref name="destinationPath"/> may be a folder (the file is then named after the render id).
        /// An existing file is replaced only when <paramref name="overwrite"/> is true.
        /// </summary>
        Task<DownloadResult> DownloadAsync(RenderJob job, string destinationPath, bool overwrite, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken);
    }
}
