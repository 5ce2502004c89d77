using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>An export still running on the service (Export-NemoVideo -NoWait).</summary>
    public sealed class NemoRenderJob
    {
        internal NemoRenderJob(RenderJob job)
        {
            SessionId = job.SessionId;
            RenderId = job.Id;
            Status = job.Status;
            Progress = job.Progress;
            OutputUrl = job.OutputUrl;
        }

        public string SessionId { get; }

        public string RenderId { get; }

        public RenderStatus Status { get; }

        /// <summary>0..1.</summary>
        public double Progress { get; }

        public string? OutputUrl { get; }
    }
}
