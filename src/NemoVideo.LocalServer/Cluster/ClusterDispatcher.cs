using Hangfire;
using Hangfire.States;
using NemoVideo.LocalServer.Rendering;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// The API node's side of the render queue in cluster mode: a submitted job becomes a Hangfire job in the
/// <see cref="QueueName"/> queue (its row is already written), and a polled job is read back from its row.
/// </summary>
public sealed class ClusterDispatcher(IBackgroundJobClient jobs, RenderJobRows rows, ILogger<ClusterDispatcher> logger) : IRenderDispatcher
{
    public const string QueueName = "renders";

    public void Enqueue(RenderJob job) => Enqueue(job.SessionId, job.Id);

    public void Refresh(RenderJob job) => rows.Refresh(job);

    public int? QueuePosition(RenderJob job) => job.Status == RenderStatus.Pending ? rows.QueuePosition(job) : null;

    /// <summary>Rows written by an API node that stopped before it could enqueue them.</summary>
    public void EnqueueForgotten()
    {
        foreach (var (sessionId, renderId) in rows.NotEnqueued())
        {
            logger.LogInformation("Render {RenderId} was saved but not queued when the API node stopped; queueing it", renderId);
            Enqueue(sessionId, renderId);
        }
    }

    /// <summary>Queues a row again whose Hangfire job ended or vanished without ending it (see <see cref="OrphanedRenders"/>).</summary>
    public void Requeue(UnfinishedRow row)
    {
        if (rows.Unqueue(row.Seq))
        {
            Enqueue(row.SessionId, row.RenderId);
        }
    }

    private void Enqueue(string sessionId, string renderId)
    {
        string id;
        try
        {
            id = Create(sessionId, renderId);
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            // Hangfire's own pooled connections die with a PostgreSQL restart too: once more on fresh ones.
            Npgsql.NpgsqlConnection.ClearAllPools();
            id = Create(sessionId, renderId);
        }


        rows.SetEngineJobId(sessionId, renderId, id);
    }

    private string Create(string sessionId, string renderId) =>
        jobs.Create<RenderWorkerJob>(worker => worker.RunAsync(sessionId, renderId, CancellationToken.None), new EnqueuedState(QueueName));
}
