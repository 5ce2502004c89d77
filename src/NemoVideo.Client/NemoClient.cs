using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>The client for the hosted NemoVideo service and the local server alike.</summary>
    public sealed class NemoClient : INemoClient
    {
        private readonly NemoClientOptions options;

        public NemoClient(NemoClientOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public NemoClientOptions Options => options;

        public Task<NemoSession> CreateSessionAsync(string language, CancellationToken cancellationToken) => throw new NotImplementedException();

        public NemoSession ResumeSession(string sessionId, string? taskId, string language) => throw new NotImplementedException();

        public Task<Uri> GetBrowserLinkAsync(NemoSession session, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<IReadOnlyList<NemoMedia>> UploadFileAsync(NemoSession session, string path, IProgress<UploadProgress>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<IReadOnlyList<NemoMedia>> UploadUrlAsync(NemoSession session, Uri url, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<InstructionResult> SendInstructionAsync(NemoSession session, string text, IProgress<InstructionProgress>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<NemoCredit> GetCreditsAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<NemoState> GetStateAsync(NemoSession session, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<RenderJob> SubmitRenderAsync(NemoSession session, NemoDraft draft, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<RenderJob> WaitForRenderAsync(NemoSession session, RenderJob job, IProgress<RenderProgress>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<DownloadResult> DownloadAsync(RenderJob job, string destinationPath, bool overwrite, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

        public void Dispose()
        {
        }
    }
}
