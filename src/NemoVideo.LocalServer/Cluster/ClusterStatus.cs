using Hangfire;
using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// What GET /local/cluster shows an operator: the queue's length, the renders running and on which worker, the workers
/// alive (Hangfire servers whose heartbeat is recent), how many renders each worker published, and the last failures.
/// Client ids, tokens and download keys are not shown.
/// </summary>
public sealed class ClusterStatus(NpgsqlDataSource database, ClusterOptions cluster, RenderJobRows rows, JobStorage storage)
{
    private const int ShownFailures = 10;

    public object Snapshot()
    {
        try
        {
            return StaleConnections.Retry(database, Read);
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            // The operator's page says what is wrong instead of failing with it.
            database.Clear();
            return new
            {
                database = "unreachable",
                message = $"{char.ToUpperInvariant(DatabaseOutage.Describe(cluster)[0])}{DatabaseOutage.Describe(cluster)[1..]}: "
                    + "start PostgreSQL or restore the network to it; requests answer 503 until then.",
                queue = ClusterDispatcher.QueueName,
            };
        }
    }

    private object Read()
    {
        var monitoring = storage.GetMonitoringApi();
        var aliveAfter = DateTime.UtcNow - OrphanedRenders.AliveWindow(cluster);
        var workers = monitoring.Servers()
            .Where(server => server.Heartbeat is DateTime heartbeat && heartbeat >= aliveAfter)
            .Select(server => new
            {
                name = server.Name,
                workers = server.WorkersCount,
                queues = server.Queues,
                started_at = server.StartedAt,
                heartbeat = server.Heartbeat,
            })
            .ToList();
        var alive = workers.Select(worker => worker.name).ToHashSet(StringComparer.Ordinal);

        // A row says processing, but only its Hangfire job says whether a live worker runs it.
        var unfinished = rows.Unfinished();
        using var engine = storage.GetConnection();
        var health = unfinished.ToDictionary(row => row.Seq, row => OrphanedRenders.Classify(engine, row, alive));
        var running = unfinished.Where(row => row.Status == "Processing")
            .Select(row => new
            {
                render_id = row.RenderId, session_id = row.SessionId, worker = row.Worker, progress = Math.Round(row.Progress, 4),
                attempts = row.Attempts, since = row.UpdatedAt,
                orphaned = health[row.Seq] is RowHealth.WorkerGone or RowHealth.Orphaned,
                state = health[row.Seq] switch
                {
                    RowHealth.Running => "running on a live worker",
                    RowHealth.WorkerGone => "its worker is gone; another takes it when the job timeout passes",
                    RowHealth.Orphaned => "its engine job ended; the orphan sweep queues it again",
                    _ => "queued again, waiting for a worker",
                },
            })
            .ToList();
        // What waits for a worker: pending rows, and rows whose worker is gone or whose engine job ended.
        var waiting = unfinished.Count(row => health[row.Seq] != RowHealth.Running);

        using var connection = database.OpenConnection();
        var counts = PostgresStateStore.Query(connection,
            "SELECT status, count(*) FROM nemo.render_jobs GROUP BY status",
            row => (Status: row.GetString(0), Count: row.GetInt64(1))).ToDictionary(pair => pair.Status.ToLowerInvariant(), pair => pair.Count);
        var publishedBy = PostgresStateStore.Query(connection,
            "SELECT worker, count(*) FROM nemo.render_jobs WHERE status = 'Completed' AND worker IS NOT NULL GROUP BY worker ORDER BY worker",
            row => (Worker: row.GetString(0), Count: row.GetInt64(1))).ToDictionary(pair => pair.Worker, pair => pair.Count);
        var failures = PostgresStateStore.Query(connection,
            $"""
            SELECT id, session_id, worker, error, error_id, transient, updated_at FROM nemo.render_jobs
            WHERE status = 'Failed' ORDER BY updated_at DESC LIMIT {ShownFailures}
            """,
            row => new { render_id = row.GetString(0), session_id = row.GetString(1), worker = row.IsDBNull(2) ? null : row.GetString(2),
                error = row.IsDBNull(3) ? null : row.GetString(3), error_id = row.IsDBNull(4) ? null : row.GetString(4),
                transient = row.IsDBNull(5) ? (bool?)null : row.GetBoolean(5), at = row.GetDateTime(6) });
        var attemptFailures = PostgresStateStore.Query(connection,
            $"SELECT render_id, session_id, worker, error, at FROM nemo.attempt_failures ORDER BY seq DESC LIMIT {ShownFailures}",
            row => new { render_id = row.GetString(0), session_id = row.GetString(1), worker = row.GetString(2), error = row.GetString(3),
                at = row.GetDateTime(4) });
        var engineFailures = monitoring.FailedJobs(0, ShownFailures)
            .Select(pair => new { job_id = pair.Key, reason = pair.Value.ExceptionMessage, at = pair.Value.FailedAt })
            .ToList();

        return new
        {
            queue = ClusterDispatcher.QueueName,
            database = "reachable",
            queue_length = waiting,
            engine_queue_length = monitoring.EnqueuedCount(ClusterDispatcher.QueueName),
            jobs = counts,
            running,
            workers_alive = workers,
            published_by_worker = publishedBy,
            last_failures = failures,
            last_attempt_failures = attemptFailures,
            engine_failures = engineFailures,
            dashboard = ClusterHost.DashboardPath + " (loopback only)",
        };
    }
}
