using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>The client for the hosted NemoVideo service and the local server alike (one code path for both).</summary>
    public sealed class NemoClient : INemoClient
    {
        private readonly ApiTransport transport;
        private readonly SessionOperations sessions;
        private readonly UploadOperations uploads;
        private readonly StateOperations states;
        private readonly CreditOperations credits;
        private readonly InstructionRunner instructions;
        private readonly RenderOperations renders;
        private readonly RenderDownloader downloads;

        public NemoClient(NemoClientOptions options)
            : this(options, random: null)
        {
        }

        /// <param name="random">Tests pin the retry jitter with this; null uses a real random source.</param>
        internal NemoClient(NemoClientOptions options, Func<double>? random)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            transport = new ApiTransport(options, random);
            sessions = new SessionOperations(transport);
            states = new StateOperations(transport);
            uploads = new UploadOperations(transport, states);
            credits = new CreditOperations(transport);
            instructions = new InstructionRunner(transport, states);
            renders = new RenderOperations(transport);
            downloads = new RenderDownloader(transport);
        }

        public NemoClientOptions Options => transport.Options;

        public Task<NemoSession> CreateSessionAsync(string language, CancellationToken cancellationToken) =>
            sessions.CreateAsync(language, cancellationToken);

        public NemoSession ResumeSession(string sessionId, string? taskId, string language)
        {
            if (string.IsNullOrWhiteSpace(sessionId))
            {
                throw new ArgumentException("A session id is required.", nameof(sessionId));
            }

            return new NemoSession(transport.Options.ApiBaseUrl, sessionId, taskId, string.IsNullOrWhiteSpace(language) ? "en" : language);
        }

        public Task<Uri> GetBrowserLinkAsync(NemoSession session, CancellationToken cancellationToken) =>
            sessions.BrowserLinkAsync(Check(session), cancellationToken);

        public Task<IReadOnlyList<NemoMedia>> UploadFileAsync(NemoSession session, string path, IProgress<UploadProgress>? progress, CancellationToken cancellationToken) =>
            uploads.UploadFileAsync(Check(session), path, progress, cancellationToken);

        public Task<IReadOnlyList<NemoMedia>> UploadUrlAsync(NemoSession session, Uri url, CancellationToken cancellationToken) =>
            uploads.UploadUrlAsync(Check(session), url, cancellationToken);

        public Task<InstructionResult> SendInstructionAsync(NemoSession session, string text, IProgress<InstructionProgress>? progress, CancellationToken cancellationToken) =>
            instructions.RunAsync(Check(session), text, progress, cancellationToken);

        public Task<NemoCredit> GetCreditsAsync(CancellationToken cancellationToken) => credits.GetAsync(cancellationToken);

        public Task<NemoState> GetStateAsync(NemoSession session, CancellationToken cancellationToken) =>
            states.GetAsync(Check(session), cancellationToken);

        public Task<RenderJob> SubmitRenderAsync(NemoSession session, NemoDraft draft, CancellationToken cancellationToken) =>
            renders.SubmitAsync(Check(session), draft ?? throw new ArgumentNullException(nameof(draft)), cancellationToken);

        public Task<RenderJob> GetRenderAsync(NemoSession session, string renderId, CancellationToken cancellationToken) =>
            renders.GetAsync(Check(session), string.IsNullOrWhiteSpace(renderId) ? throw new ArgumentException("A render id is required.", nameof(renderId)) : renderId, cancellationToken);

        public Task<RenderJob> WaitForRenderAsync(NemoSession session, RenderJob job, IProgress<RenderProgress>? progress, CancellationToken cancellationToken) =>
            renders.WaitAsync(Check(session), job ?? throw new ArgumentNullException(nameof(job)), progress, cancellationToken);

        public Task<DownloadResult> DownloadAsync(RenderJob job, string destinationPath, bool overwrite, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
            downloads.DownloadAsync(job ?? throw new ArgumentNullException(nameof(job)), destinationPath, overwrite, progress, cancellationToken);

        public void Dispose() => transport.Dispose();

        private static NemoSession Check(NemoSession session) => session ?? throw new ArgumentNullException(nameof(session));
    }
}
