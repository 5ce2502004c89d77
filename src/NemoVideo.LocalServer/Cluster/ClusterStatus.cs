using Hangfire;
using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// What GET /local/cluster shows an operator: the queue's length, the renders running and on which worker, the workers
/// alive (Hangfire servers whose heartbeat is recent), how many renders each worker published, and the last failures.
/// Client ids, tokens and download keys are not shown.
/// </summary>
public sealed class ClusterStatus(NpgsqlDataSource database, ClusterOptions cluster)
{
    private const int ShownFailures = 10;

    public object Snapshot()
    {
        var monitoring = JobStorage.Current.GetMonitoringApi();
        var aliveAfter = DateTime.UtcNow - TimeSpan.FromSeconds(Math.Max(30, cluster.JobTimeout.TotalSeconds));
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

        using var connection = database.OpenConnection();
        var running = PostgresStateStore.Query(connection,
            """
            SELECT id, session_id, worker, progress, attempts, updated_at FROM nemo.render_jobs
            WHERE status = 'Processing' ORDER BY seq
            """,
            row => new { render_id = row.GetString(0), session_id = row.GetString(1), worker = row.IsDBNull(2) ? null : row.GetString(2),
                progress = Math.Round(row.GetDouble(3), 4), attempts = row.GetInt32(4), since = row.GetDateTime(5) });
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
        var engineFailures = monitoring.FailedJobs(0, ShownFailures)
            .Select(pair => new { job_id = pair.Key, reason = pair.Value.ExceptionMessage, at = pair.Value.FailedAt })
            .ToList();

        return new
        {
            queue = ClusterDispatcher.QueueName,
            queue_length = monitoring.EnqueuedCount(ClusterDispatcher.QueueName),
            jobs = counts,
            running,
            workers_alive = workers,
            published_by_worker = publishedBy,
            last_failures = failures,
            engine_failures = engineFailures,
            dashboard = ClusterHost.DashboardPath + " (loopback only)",
        };
    }
}
