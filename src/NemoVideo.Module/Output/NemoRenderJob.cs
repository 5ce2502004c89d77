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
            QueuePosition = job.QueuePosition;
            Error = job.Error;
        }

        public string SessionId { get; }

        public string RenderId { get; }

        /// <summary>Pending, Processing, Completed or Failed. A string, not the client's enum: a public type of the module
        /// must load before the client is reachable (see ModuleImportTests).</summary>
        public string Status { get; }

        /// <summary>0..1.</summary>
        public double Progress { get; }

        public string? OutputUrl { get; }

        /// <summary>While Pending: the render's place in the server's queue, 1 = next; only a server that says it (the local
        /// server in cluster mode) gives one, else null.</summary>
        public int? QueuePosition { get; }

        /// <summary>When Failed: the service's reason.</summary>
        public string? Error { get; }
    }
}
