using System;
using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>An export on the service. <paramref name="Draft"/> is kept so a failed render can be resubmitted.</summary>
    /// <param name="Progress">Always 0..1, whichever scale the service used.</param>
    /// <param name="Attempt">1 for the first submission, 2 after the one automatic resubmission.</param>
    public sealed record RenderJob(
        string Id,
        string SessionId,
        RenderStatus Status,
        double Progress,
        string? OutputUrl,
        string? Error,
        NemoDraft Draft,
        int Attempt)
    {
        /// <summary>On failure: true when the service says a resubmission may work, false when it says it will not, null when it does not say.</summary>
        public bool? Transient { get; init; }

        /// <summary>
        /// On failure: the stable id of the failure's kind, when the service names one (our local server's <c>error_id</c>,
        /// e.g. <c>Nemo.Compression.Infeasible</c>); null when it does not.
        /// </summary>
        public string? ErrorId { get; init; }

        /// <summary>When completed: what the service says about the output (e.g. which of several video streams it encoded); empty when it says nothing.</summary>
        public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

        /// <summary>The notes that mean the output lacks something the source has (a video stream left out, a recording read only in part).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

        /// <summary>
        /// While pending: the job's place in the server's render queue, 1 = next. Only a server that queues renders across
        /// workers says it (the local server in cluster mode, field <c>queue_position</c>); null when the server does not say.
        /// </summary>
        public int? QueuePosition { get; init; }
    }

    public enum RenderStatus
    {
        Pending,
        Processing,
        Completed,
        Failed,
    }
}
