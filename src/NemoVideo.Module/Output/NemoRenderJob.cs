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
            Status = job.Status.ToString();
            Progress = job.Progress;
            OutputUrl = job.OutputUrl;
        }

        public string SessionId { get; }

        public string RenderId { get; }

        /// <summary>Pending, Processing, Completed or Failed. A string, not the client's enum: a public type of the module
        /// must load before the client is reachable (see ModuleImportTests).</summary>
        public string Status { get; }

        /// <summary>0..1.</summary>
        public double Progress { get; }

        public string? OutputUrl { get; }
    }
}
