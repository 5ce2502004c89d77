using Hangfire;
using Hangfire.Storage;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>How a row that is not yet ended stands against the Hangfire job meant to end it.</summary>
public enum RowHealth
{
    /// <summary>Its Hangfire job waits in the queue (enqueued, or scheduled for a retry).</summary>
    Waiting,

    /// <summary>A live worker runs its Hangfire job.</summary>
    Running,

    /// <summary>The worker running it stopped heartbeating (killed, restarted under a new id): Hangfire gives the job to another once its invisibility timeout passes.</summary>
    WorkerGone,

    /// <summary>Its Hangfire job is failed, deleted, succeeded or gone, or it never had one: nothing will end the row unless it is queued again.</summary>
    Orphaned,
}

/// <summary>
/// Finds render rows that nothing will end and ends their wait: a row whose Hangfire job is failed (retries used up),
/// deleted, gone or never created is queued again on the renders queue while it has attempts left, and otherwise failed
/// as transient ("submit again"), so a client's wait always ends. Run by the API node at start and every
/// <see cref="ClusterOptions.OrphanSweepInterval"/>.
/// </summary>
public sealed class OrphanedRenders(RenderJobRows rows, JobStorage storage, ClusterDispatcher dispatcher, ClusterOptions cluster,
    ILogger<OrphanedRenders> logger) : BackgroundService
{
    private static readonly TimeSpan NotEnqueuedGrace = TimeSpan.FromSeconds(30);

    /// <summary>The Hangfire server ids whose heartbeat is recent.</summary>
    public static HashSet<string> AliveServers(JobStorage storage, ClusterOptions cluster)
    {
        var aliveAfter = DateTime.UtcNow - AliveWindow(cluster);
        return storage.GetMonitoringApi().Servers()
            .Where(server => server.Heartbeat is DateTime heartbeat && heartbeat >= aliveAfter)
            .Select(server => server.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    public static TimeSpan AliveWindow(ClusterOptions cluster) => TimeSpan.FromSeconds(Math.Max(30, cluster.JobTimeout.TotalSeconds));

    public static RowHealth Classify(IStorageConnection connection, UnfinishedRow row, ISet<string> aliveServers)
    {
        if (row.EngineJobId is null)
        {
            // An API node writes the row, then makes its Hangfire job: only a row left so for a while is forgotten.
            return row.SinceUpdate > NotEnqueuedGrace ? RowHealth.Orphaned : RowHealth.Waiting;
        }

        var state = connection.GetStateData(row.EngineJobId);
        return state?.Name switch
        {
            "Enqueued" or "Scheduled" or "Awaiting" => RowHealth.Waiting,
            "Processing" => state.Data.TryGetValue("ServerId", out var server) && aliveServers.Contains(server)
                ? RowHealth.Running
                : RowHealth.WorkerGone,
            _ => RowHealth.Orphaned,
        };
    }

    /// <returns>How many rows were queued again or failed.</returns>
    public int Sweep()
    {
        var alive = AliveServers(storage, cluster);
        using var connection = storage.GetConnection();
        var ended = 0;
        foreach (var row in rows.Unfinished())
        {
            if (Classify(connection, row, alive) != RowHealth.Orphaned)
            {
                continue;
            }

            if (row.Attempts >= RenderWorkerJob.MaxAttempts)
            {
                logger.LogWarning("Render {RenderId}: its engine job ended after {Attempts} attempts without ending it; failing it", row.RenderId, row.Attempts);
                rows.FailOrphan(row.Seq, $"The render was started {row.Attempts} times without finishing. Submit it again.");
            }
            else
            {
                logger.LogWarning("Render {RenderId}: its engine job {JobId} is gone or ended without ending it; queueing it again", row.RenderId,
                    row.EngineJobId);
                dispatcher.Requeue(row);
            }

            ended++;
        }

        return ended;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Sweep();
            }
            catch (Exception error) when (DatabaseOutage.Is(error))
            {
                // The database is down: the next sweep tries again.
            }

            try
            {
                await Task.Delay(cluster.OrphanSweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
