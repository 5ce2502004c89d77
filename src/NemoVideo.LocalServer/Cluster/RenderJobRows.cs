using System.Text.Json;
using Npgsql;
using NemoVideo.LocalServer.Rendering;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// The render job rows as the cluster's nodes share them: the API node reads a polled job back, workers mark it taken,
/// report progress, and publish or fail it. The row decides the one publication: <see cref="PublishOnce"/> locks it,
/// and only the attempt that finds it not yet completed renames its output into place and marks it completed, in
/// the same transaction.
/// </summary>
public sealed class RenderJobRows(NpgsqlDataSource database, ClusterOptions cluster)
{
    /// <summary>The columns <see cref="ReadJob"/> reads, in its order.</summary>
    internal const string JobColumns =
        "owner_client_id, id, session_id, container, download_key, status, error, transient, error_id, output_path, output_bytes, "
        + "completed_at, output_removed, notes, warnings, progress";

    internal static RenderJob ReadJob(NpgsqlDataReader row, int first, Func<string, string> absolute)
    {
        var job = RenderJob.Restore(
            id: row.GetString(first + 1), sessionId: row.GetString(first + 2), ownerClientId: row.GetString(first),
            container: row.GetString(first + 3), downloadKey: row.GetString(first + 4),
            status: Enum.Parse<RenderStatus>(row.GetString(first + 5)),
            error: row.IsDBNull(first + 6) ? null : row.GetString(first + 6),
            transient: !row.IsDBNull(first + 7) && row.GetBoolean(first + 7),
            errorId: row.IsDBNull(first + 8) ? null : row.GetString(first + 8),
            outputPath: row.IsDBNull(first + 9) ? null : absolute(row.GetString(first + 9)),
            outputBytes: row.IsDBNull(first + 10) ? null : row.GetInt64(first + 10),
            completedAt: row.IsDBNull(first + 11) ? null : new DateTimeOffset(row.GetInt64(first + 11), TimeSpan.Zero),
            outputRemoved: row.GetBoolean(first + 12),
            notes: row.IsDBNull(first + 13) ? [] : JsonSerializer.Deserialize<string[]>(row.GetString(first + 13)) ?? [],
            warnings: row.IsDBNull(first + 14) ? [] : JsonSerializer.Deserialize<string[]>(row.GetString(first + 14)) ?? []);
        return job;
    }

    /// <summary>The API node's copy of the job takes what the workers wrote since.</summary>
    public void Refresh(RenderJob job)
    {
        StaleConnections.Retry(database, () =>
        {
            using var connection = database.OpenConnection();
            using var command = new NpgsqlCommand($"SELECT {JobColumns} FROM nemo.render_jobs WHERE owner_client_id = @owner AND id = @id", connection);
            command.Parameters.AddWithValue("owner", job.OwnerClientId);
            command.Parameters.AddWithValue("id", job.Id);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                job.CopyFrom(ReadJob(reader, 0, Absolute), reader.GetDouble(15));
            }
        });
    }

    /// <summary>1 for the next job a worker takes; null unless the job is pending. Counts the cluster's pending jobs submitted before it.</summary>
    public int? QueuePosition(RenderJob job)
    {
        return StaleConnections.Retry<int?>(database, () =>
        {
            using var command = database.CreateCommand(
                """
                SELECT count(*) FROM nemo.render_jobs
                WHERE status = 'Pending' AND seq <= (SELECT seq FROM nemo.render_jobs WHERE owner_client_id = @owner AND id = @id AND status = 'Pending')
                """);
            command.Parameters.AddWithValue("owner", job.OwnerClientId);
            command.Parameters.AddWithValue("id", job.Id);
            var count = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return count > 0 ? count : null;
        });
    }

    public void SetEngineJobId(string sessionId, string renderId, string engineJobId) => Write(
        "UPDATE nemo.render_jobs SET hangfire_job_id = @job WHERE session_id = @session AND id = @id",
        ("job", engineJobId), ("session", sessionId), ("id", renderId));

    /// <summary>Jobs whose row was written but that never reached the queue (the API node stopped in between).</summary>
    public IReadOnlyList<(string SessionId, string RenderId)> NotEnqueued()
    {
        return StaleConnections.Retry(database, () =>
        {
            using var connection = database.OpenConnection();
            return PostgresStateStore.Query(connection,
                "SELECT session_id, id FROM nemo.render_jobs WHERE hangfire_job_id IS NULL AND status IN ('Pending', 'Processing') ORDER BY seq",
                row => (row.GetString(0), row.GetString(1)));
        });
    }

    /// <summary>What a worker needs to run the job; null when the job is gone (its session was removed).</summary>
    public WorkItem? Load(string sessionId, string renderId)
    {
        return StaleConnections.Retry(database, () =>
        {
            using var connection = database.OpenConnection();
            using var command = new NpgsqlCommand(
                $"""
                SELECT r.seq, r.request, m.file_path, r.attempts, m.name, {string.Join(", ", JobColumns.Split(", ").Select(column => "r." + column))}
                FROM nemo.render_jobs r LEFT JOIN nemo.media m ON m.id = r.source_media_id
                WHERE r.session_id = @session AND r.id = @id
                """, connection);
            command.Parameters.AddWithValue("session", sessionId);
            command.Parameters.AddWithValue("id", renderId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new WorkItem(reader.GetInt64(0), ReadJob(reader, 5, Absolute), reader.GetString(1),
                    reader.IsDBNull(2) ? null : Absolute(reader.GetString(2)), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4))
                : null;
        });
    }

    /// <summary>This worker's attempt <paramref name="attempt"/> takes the job (again): processing, attempts + 1. The same
    /// attempt taking it twice counts once: a retry after the database lost the acknowledgement of a write that landed
    /// used to count two, and left the job one attempt short of <see cref="RenderWorkerJob.MaxAttempts"/>. False when
    /// another attempt already ended it.</summary>
    public bool MarkTaken(long seq, string worker, string attempt) => Write(
        """
        UPDATE nemo.render_jobs SET status = 'Processing', worker = @worker, progress = 0, updated_at = now(),
            attempts = attempts + CASE WHEN taken_attempt IS NOT DISTINCT FROM @attempt THEN 0 ELSE 1 END, taken_attempt = @attempt
        WHERE seq = @seq AND status IN ('Pending', 'Processing')
        """,
        ("worker", worker), ("attempt", attempt), ("seq", seq)) == 1;

    public void ReportProgress(long seq, double fraction) => Write(
        "UPDATE nemo.render_jobs SET progress = @progress WHERE seq = @seq AND status = 'Processing'",
        ("progress", Math.Clamp(fraction, 0, 0.99)), ("seq", seq));

    /// <summary>Back to the queue (this worker is stopping); a later attempt runs it.</summary>
    public void MarkPending(long seq) => Write(
        "UPDATE nemo.render_jobs SET status = 'Pending', progress = 0, worker = NULL, updated_at = now() WHERE seq = @seq AND status = 'Processing'",
        ("seq", seq));

    /// <summary>Fails the job unless an attempt already published it (a late failing duplicate changes nothing).</summary>
    public void MarkFailed(long seq, string worker, string error, bool transient, string? errorId) => Write(
        """
        UPDATE nemo.render_jobs SET status = 'Failed', error = @error, transient = @transient, error_id = @errorId, worker = @worker,
            updated_at = now()
        WHERE seq = @seq AND status <> 'Completed'
        """,
        ("error", error), ("transient", transient), ("errorId", errorId), ("worker", worker), ("seq", seq));

    /// <summary>
    /// Publishes this attempt's finished file unless another attempt did: with the row locked, the attempt's staging
    /// folder is renamed to the job's published folder (one atomic rename on the shared file system) and the row is
    /// marked completed in the same transaction. A folder left by an attempt that renamed but never committed (killed
    /// in between) is not the publication: it is replaced.
    /// </summary>
    /// <returns>True when this attempt published; false when the job was already completed (or is gone).</returns>
    public bool PublishOnce(WorkItem work, string attempt, string worker, string stagingFolder, string fileName, long bytes,
        IReadOnlyList<string> notes, IReadOnlyList<string> warnings, DateTimeOffset at)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var lockRow = new NpgsqlCommand("SELECT status FROM nemo.render_jobs WHERE seq = @seq FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("seq", work.Seq);
            if (lockRow.ExecuteScalar() is not string status || status == nameof(RenderStatus.Completed))
            {
                return false;
            }
        }

        var published = PublishedFolder(work.Job.DownloadKey);
        RenderQueue.DeleteFolder(published);
        Directory.CreateDirectory(Path.GetDirectoryName(published)!);
        Directory.Move(stagingFolder, published);
        using (var complete = new NpgsqlCommand(
            """
            UPDATE nemo.render_jobs SET status = 'Completed', progress = 1, output_path = @output, output_bytes = @bytes,
                completed_at = @at, notes = @notes, warnings = @warnings, error = NULL, transient = NULL, error_id = NULL,
                worker = @worker, published_attempt = @attempt, updated_at = now()
            WHERE seq = @seq
            """, connection, transaction))
        {
            complete.Parameters.AddWithValue("output", Path.GetRelativePath(cluster.SharedDirectory, Path.Combine(published, fileName)));
            complete.Parameters.AddWithValue("bytes", bytes);
            complete.Parameters.AddWithValue("at", at.UtcTicks);
            complete.Parameters.AddWithValue("notes", JsonSerializer.Serialize(notes));
            complete.Parameters.AddWithValue("warnings", JsonSerializer.Serialize(warnings));
            complete.Parameters.AddWithValue("worker", worker);
            complete.Parameters.AddWithValue("attempt", attempt);
            complete.Parameters.AddWithValue("seq", work.Seq);
            complete.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    /// <summary>An attempt that did not run (e.g. the worker cannot see the source): shown to the operator, the job goes on.</summary>
    public void RecordAttemptFailure(WorkItem work, string worker, string error) => Write(
        "INSERT INTO nemo.attempt_failures(render_id, session_id, worker, error) VALUES (@id, @session, @worker, @error)",
        ("id", work.Job.Id), ("session", work.Job.SessionId), ("worker", worker), ("error", error));

    /// <summary>Rows a worker has yet to end, with the Hangfire job that should end them.</summary>
    public IReadOnlyList<UnfinishedRow> Unfinished()
    {
        return StaleConnections.Retry(database, () =>
        {
            using var connection = database.OpenConnection();
            return PostgresStateStore.Query(connection,
                """
                SELECT seq, session_id, id, status, hangfire_job_id, attempts, worker, extract(epoch FROM now() - updated_at)::float8, progress, updated_at
                FROM nemo.render_jobs WHERE status IN ('Pending', 'Processing') ORDER BY seq
                """,
                row => new UnfinishedRow(row.GetInt64(0), row.GetString(1), row.GetString(2), row.GetString(3),
                    row.IsDBNull(4) ? null : row.GetString(4), row.GetInt32(5), row.IsDBNull(6) ? null : row.GetString(6),
                    TimeSpan.FromSeconds(row.GetDouble(7)), row.GetDouble(8), row.GetDateTime(9)));
        });
    }

    /// <summary>Back to pending under a new Hangfire job (its previous one ended or vanished without ending the row).</summary>
    /// <remarks>Its Hangfire job id is cleared first, so a stop before the new job is made leaves it to <see cref="NotEnqueued"/>.</remarks>
    public bool Unqueue(long seq) => Write(
        """
        UPDATE nemo.render_jobs SET status = 'Pending', progress = 0, worker = NULL, hangfire_job_id = NULL, updated_at = now()
        WHERE seq = @seq AND status IN ('Pending', 'Processing')
        """,
        ("seq", seq)) == 1;

    /// <summary>Fails a row nothing will end (transient: the client may submit again); a row that ended meanwhile is left alone.</summary>
    public void FailOrphan(long seq, string error) => Write(
        """
        UPDATE nemo.render_jobs SET status = 'Failed', error = @error, transient = TRUE, error_id = NULL, updated_at = now()
        WHERE seq = @seq AND status IN ('Pending', 'Processing')
        """,
        ("error", error), ("seq", seq));

    public string PublishedFolder(string downloadKey) => Path.Combine(cluster.SharedDirectory, "renders", downloadKey);

    public string StagingFolder(string downloadKey) => Path.Combine(cluster.SharedDirectory, "staging", downloadKey);

    private int Write(string sql, params (string Name, object? Value)[] parameters) =>
        StaleConnections.Retry(database, () => WriteOnce(sql, parameters));

    private int WriteOnce(string sql, (string Name, object? Value)[] parameters)
    {
        using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private string Absolute(string path) => Path.GetFullPath(path, cluster.SharedDirectory);
}

/// <summary>A render job as a worker takes it from its row.</summary>
/// <param name="SourceName">The name the source was uploaded as (what a failure tells the client); null with the source gone.</param>
public sealed record WorkItem(long Seq, RenderJob Job, string RequestJson, string? SourcePath, int Attempts, string? SourceName);

/// <summary>A render row not yet completed or failed, as the orphan sweep and the status page see it.</summary>
public sealed record UnfinishedRow(long Seq, string SessionId, string RenderId, string Status, string? EngineJobId, int Attempts, string? Worker,
    TimeSpan SinceUpdate, double Progress, DateTime UpdatedAt);
