using System.Text.Json;
using Npgsql;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.State;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// The state of a cluster in PostgreSQL, the same seam as <see cref="SqliteStateStore"/>: the API node keeps its working
/// set in memory, writes every change through here, and a (re)starting API node loads it back. Render job rows are
/// also written by the workers (<see cref="RenderJobRows"/>), so the API node reads a job's row again when it is polled.
/// File paths are kept relative to the shared folder, which each node may mount at its own path.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    private readonly NpgsqlDataSource _database;
    private readonly string _sharedDirectory;
    private readonly HeldWrites _held;

    public PostgresStateStore(NpgsqlDataSource database, string sharedDirectory)
    {
        _database = database;
        _sharedDirectory = sharedDirectory;
        _held = new HeldWrites(WriteAll);
    }

    /// <summary>How often (in batches that add) the ids older than <see cref="BatchIdsKeptFor"/> are pruned.</summary>
    private const int PruneEvery = 256;
    private static readonly TimeSpan BatchIdsKeptFor = TimeSpan.FromHours(1);
    private int _additiveBatches;

    /// <summary>Seam for tests: how a transaction is committed (a test commits and then fails, as a lost acknowledgement does).</summary>
    internal Action<NpgsqlTransaction> Commit { get; init; } = transaction => transaction.Commit();

    public bool IsDurable => true;

    public void SaveToken(StoredToken token) => Write(
        """
        INSERT INTO nemo.tokens(hash, client_id, expires_at) VALUES (@hash, @client, @expires)
        ON CONFLICT(hash) DO UPDATE SET client_id = excluded.client_id, expires_at = excluded.expires_at
        """,
        ("hash", token.Hash), ("client", token.ClientId), ("expires", token.ExpiresAt.UtcTicks));

    public void DeleteToken(string tokenHash) => Write("DELETE FROM nemo.tokens WHERE hash = @hash", ("hash", tokenHash));

    public void SaveTokenIssue(string clientId, DateTimeOffset issuedAt) => Write(
        """
        INSERT INTO nemo.token_issues(client_id, issued_at) VALUES (@client, @at)
        ON CONFLICT(client_id) DO UPDATE SET issued_at = excluded.issued_at
        """,
        ("client", clientId), ("at", issuedAt.UtcTicks));

    public void DeleteTokenIssue(string clientId) => Write("DELETE FROM nemo.token_issues WHERE client_id = @client", ("client", clientId));

    public void AddCreditsSpent(string clientId, long credits) => WriteAdding(
        "INSERT INTO nemo.credits(client_id, spent) VALUES (@client, @credits) ON CONFLICT(client_id) DO UPDATE SET spent = nemo.credits.spent + excluded.spent",
        ("client", clientId), ("credits", credits));

    public void SaveSession(StoredSession session) => Write(
        """
        INSERT INTO nemo.sessions(id, task_id, owner_client_id, language, last_used, active_media_id, settings)
        VALUES (@id, @task, @owner, @language, @used, @active, @settings)
        ON CONFLICT(id) DO UPDATE SET last_used = excluded.last_used, active_media_id = excluded.active_media_id,
            settings = excluded.settings
        """,
        ("id", session.Id), ("task", session.TaskId), ("owner", session.OwnerClientId), ("language", session.Language),
        ("used", session.LastUsed.UtcTicks), ("active", session.ActiveMediaId), ("settings", session.SettingsJson));

    public void DeleteSession(string sessionId) => Write(
        """
        DELETE FROM nemo.render_jobs WHERE session_id = @id;
        DELETE FROM nemo.media WHERE session_id = @id;
        DELETE FROM nemo.sessions WHERE id = @id;
        """,
        ("id", sessionId));

    public void SaveMedia(string sessionId, MediaItem media) => Write(
        """
        INSERT INTO nemo.media(id, session_id, name, file_path, size_bytes, kind, duration_ms, width, height, has_audio,
            download_key, frame_rate)
        VALUES (@id, @session, @name, @path, @size, @kind, @duration, @width, @height, @audio, @key, @fps)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, file_path = excluded.file_path, size_bytes = excluded.size_bytes,
            kind = excluded.kind, duration_ms = excluded.duration_ms, width = excluded.width, height = excluded.height,
            has_audio = excluded.has_audio, download_key = excluded.download_key, frame_rate = excluded.frame_rate
        """,
        ("id", media.Id), ("session", sessionId), ("name", media.Name), ("path", Relative(media.FilePath)),
        ("size", media.SizeBytes), ("kind", media.Kind.ToString()), ("duration", media.DurationMs), ("width", media.Width),
        ("height", media.Height), ("audio", media.HasAudio), ("key", media.DownloadKey), ("fps", media.FrameRate));

    public void AddRenderJob(StoredRenderJob stored)
    {
        var job = stored.Job;
        Write(
            """
            INSERT INTO nemo.render_jobs(owner_client_id, id, session_id, container, download_key, status, source_media_id, request)
            VALUES (@owner, @id, @session, @container, @key, @status, @source, @request)
            """,
            ("owner", job.OwnerClientId), ("id", job.Id), ("session", job.SessionId), ("container", job.Container),
            ("key", job.DownloadKey), ("status", job.Status.ToString()), ("source", stored.SourceMediaId),
            ("request", stored.RequestJson));
    }

    /// <summary>
    /// The API node's own changes (a job failed at start because its source is gone, an output removed after retention).
    /// A row a worker completed is never taken back to another status from the API node's older copy.
    /// </summary>
    public void UpdateRenderJob(RenderJob job) => Write(
        """
        UPDATE nemo.render_jobs SET status = @status, error = @error, transient = @transient, error_id = @errorId,
            output_path = @output, output_bytes = @bytes, completed_at = @completed, output_removed = @removed, notes = @notes,
            warnings = @warnings, updated_at = now()
        WHERE owner_client_id = @owner AND id = @id AND (status <> 'Completed' OR @status = 'Completed')
        """,
        ("status", job.Status.ToString()), ("error", job.Error), ("transient", job.Transient), ("errorId", job.ErrorId),
        ("output", job.OutputPath is string output ? Relative(output) : null), ("bytes", job.OutputBytes),
        ("completed", job.CompletedAt?.UtcTicks), ("removed", job.OutputRemoved),
        ("notes", JsonSerializer.Serialize(job.Notes)), ("warnings", JsonSerializer.Serialize(job.Warnings)),
        ("owner", job.OwnerClientId), ("id", job.Id));

    public void IncrementCounter(string kind, string key) => WriteAdding(
        """
        INSERT INTO nemo.counters(kind, key, count) VALUES (@kind, @key, 1)
        ON CONFLICT(kind, key) DO UPDATE SET count = nemo.counters.count + 1
        """,
        ("kind", kind), ("key", key));

    public StoredState Load() => StaleConnections.Retry(_database, LoadOnce);

    private StoredState LoadOnce()
    {
        using var connection = _database.OpenConnection();
        var tokens = Query(connection, "SELECT hash, client_id, expires_at FROM nemo.tokens",
            row => new StoredToken(row.GetString(0), row.GetString(1), Ticks(row.GetInt64(2))));
        var issues = Query(connection, "SELECT client_id, issued_at FROM nemo.token_issues", row => (row.GetString(0), Ticks(row.GetInt64(1))))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
        var credits = Query(connection, "SELECT client_id, spent FROM nemo.credits", row => (row.GetString(0), row.GetInt64(1)))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
        var media = Query(connection,
                """
                SELECT session_id, id, name, file_path, size_bytes, kind, duration_ms, width, height, has_audio, download_key, frame_rate
                FROM nemo.media ORDER BY seq
                """,
                row => (SessionId: row.GetString(0), Media: new MediaItem(row.GetString(1), row.GetString(2), Absolute(row.GetString(3)),
                    row.GetInt64(4), Enum.Parse<MediaKind>(row.GetString(5)), NullableLong(row, 6), NullableInt(row, 7),
                    NullableInt(row, 8), row.GetBoolean(9), row.GetString(10))
                {
                    FrameRate = row.IsDBNull(11) ? null : row.GetDouble(11),
                }))
            .ToLookup(pair => pair.SessionId, pair => pair.Media, StringComparer.Ordinal);
        var sessions = Query(connection,
            "SELECT id, task_id, owner_client_id, language, last_used, active_media_id, settings FROM nemo.sessions",
            row => new StoredSession(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), Ticks(row.GetInt64(4)),
                row.IsDBNull(5) ? null : row.GetString(5), row.GetString(6)));
        var jobs = Query(connection,
            $"SELECT seq, source_media_id, request, {RenderJobRows.JobColumns} FROM nemo.render_jobs ORDER BY seq",
            row => new StoredRenderJob(row.GetInt64(0), RenderJobRows.ReadJob(row, 3, Absolute), row.GetString(1), row.GetString(2)));
        var counters = Query(connection, "SELECT kind, key, count FROM nemo.counters", row => (row.GetString(0), row.GetString(1), row.GetInt32(2)));
        return new StoredState(
            tokens, issues, credits,
            sessions.Select(session => (session, (IReadOnlyList<MediaItem>)media[session.Id].ToList())).ToList(),
            jobs, counters);
    }

    public IDisposable WriteTogether() => _held.Open();

    private void Write(string sql, params (string Name, object? Value)[] parameters) => _held.Write(sql, parameters);

    private void WriteAdding(string sql, params (string Name, object? Value)[] parameters) => _held.Write(sql, parameters, additive: true);

    /// <summary>
    /// Writes a batch in one transaction, once more on a fresh connection after an outage (<see cref="StaleConnections"/>).
    /// A batch that adds (credits, counts) carries an id written with it: a retry after a lost commit acknowledgement
    /// looks for that id instead of charging or counting a second time.
    /// </summary>
    private void WriteAll(IReadOnlyList<HeldWrite> writes)
    {
        Guid? batch = writes.Any(write => write.Additive) ? Guid.NewGuid() : null;
        StaleConnections.Retry(_database, () => WriteAllOnce(writes, batch), () => batch is { } id && Landed(id));
    }

    private void WriteAllOnce(IReadOnlyList<HeldWrite> writes, Guid? batch)
    {
        using var connection = _database.OpenConnection();
        using var transaction = writes.Count > 1 || batch is not null ? connection.BeginTransaction() : null;
        if (batch is { } id)
        {
            Execute(connection, transaction, "INSERT INTO nemo.write_batches(id) VALUES (@id)", [("id", id)]);
            if (Interlocked.Increment(ref _additiveBatches) % PruneEvery == 0)
            {
                Execute(connection, transaction, "DELETE FROM nemo.write_batches WHERE written_at < now() - @kept", [("kept", BatchIdsKeptFor)]);
            }
        }

        foreach (var write in writes)
        {
            Execute(connection, transaction, write.Sql, write.Parameters);
        }

        if (transaction is not null)
        {
            Commit(transaction);
        }
    }

    private bool Landed(Guid batch)
    {
        using var connection = _database.OpenConnection();
        using var command = new NpgsqlCommand("SELECT count(*) FROM nemo.write_batches WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", batch);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    internal static List<T> Query<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private string Relative(string path) => Path.GetRelativePath(_sharedDirectory, path);

    private string Absolute(string path) => Path.GetFullPath(path, _sharedDirectory);

    private static DateTimeOffset Ticks(long ticks) => new(ticks, TimeSpan.Zero);

    private static long? NullableLong(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);

    private static int? NullableInt(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);
}
