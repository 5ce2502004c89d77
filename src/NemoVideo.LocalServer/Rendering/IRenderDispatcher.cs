namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// Where <see cref="RenderQueue"/> sends jobs when they run on other processes (cluster mode) instead of in this one:
/// it hands a job over, and reads back what the process that ran it wrote.
/// </summary>
public interface IRenderDispatcher
{
    /// <summary>Queues the job, whose row the state store already holds.</summary>
    void Enqueue(RenderJob job);

    /// <summary>Brings the job up to date with its row (status, progress, output).</summary>
    void Refresh(RenderJob job);

    /// <summary>The job's place in the queue (1 = next), while it is pending; null otherwise.</summary>
    int? QueuePosition(RenderJob job);
}
