namespace NemoVideo.Module.Engine
{
    /// <summary>Our own progress record: the stub ProgressRecord keeps nothing, so handlers report this instead.</summary>
    public sealed record ProgressInfo(int ActivityId, string Activity, string StatusDescription)
    {
        public int ParentActivityId { get; init; } = -1;

        /// <summary>0..100, or -1 when the amount of work is unknown.</summary>
        public int PercentComplete { get; init; } = -1;

        public int SecondsRemaining { get; init; } = -1;

        public string? CurrentOperation { get; init; }

        public bool Completed { get; init; }
    }
}
