using System.Text.Json;
using Microsoft.Data.Sqlite;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.State;

/// <summary>
/// The state in one SQLite database (<c>state.db</c>) in the server's state folder: WAL journal, owner-only file,
/// schema made or upgraded at open (<see cref="StateSchema"/>). One connection, one writer at a time: every write is a
/// short statement under a lock, and nothing reads the database after start, so requests never wait on a query.
/// File paths are kept relative to the state folder, so the data folder may be moved while the server is stopped.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    public const string FileName = "state.db";

    private readonly object _gate = new();
    private readonly HeldWrites _held;
    private readonly SqliteConnection _connection;
    private readonly string _stateDirectory;
    private bool _disposed;

    /// <exception cref="StateStoreException">The database is from a newer server, or cannot be opened.</exception>
    public SqliteStateStore(string stateDirectory)
    {
        _stateDirectory = stateDirectory;
        _held = new HeldWrites(WriteAll);
        var path = Path.Combine(stateDirectory, FileName);
        CreateOwnerOnly(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            // WAL: a crash loses at most the last write, never the file; NORMAL sync is durable against a killed process.
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            StateSchema.Migrate(_connection);
        }
        catch (SqliteException error)
        {
            _connection.Dispose();
            throw new StateStoreException($"Cannot open the state database '{path}': {error.Message}", error);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public bool IsDurable => true;

    public void SaveToken(StoredToken token) => Write(
        "INSERT OR REPLACE INTO tokens(hash, client_id, expires_at) VALUES ($hash, $client, $expires)",
        ("$hash", token.Hash), ("$client", token.ClientId), ("$expires", token.ExpiresAt.UtcTicks));

    public void DeleteToken(string tokenHash) => Write("DELETE FROM tokens WHERE hash = $hash", ("$hash", tokenHash));

    public void SaveTokenIssue(string clientId, DateTimeOffset issuedAt) => Write(
        "INSERT OR REPLACE INTO token_issues(client_id, issued_at) VALUES ($client, $at)",
        ("$client", clientId), ("$at", issuedAt.UtcTicks));

    public void DeleteTokenIssue(string clientId) => Write("DELETE FROM token_issues WHERE client_id = $client", ("$client", clientId));

    public void AddCreditsSpent(string clientId, long credits) => Write(
        "INSERT INTO credits(client_id, spent) VALUES ($client, $credits) ON CONFLICT(client_id) DO UPDATE SET spent = spent + excluded.spent",
        ("$client", clientId), ("$credits", credits));

    public void SaveSession(StoredSession session) => Write(
        """
        INSERT INTO sessions(id, task_id, owner_client_id, language, last_used, active_media_id, settings)
        VALUES ($id, $task, $owner, $language, $used, $active, $settings)
        ON CONFLICT(id) DO UPDATE SET last_used = excluded.last_used, active_media_id = excluded.active_media_id,
            settings = excluded.settings
        """,
        ("$id", session.Id), ("$task", session.TaskId), ("$owner", session.OwnerClientId), ("$language", session.Language),
        ("$used", session.LastUsed.UtcTicks), ("$active", session.ActiveMediaId), ("$settings", session.SettingsJson));

    public void DeleteSession(string sessionId)
    {
        using var together = WriteTogether();
        foreach (var table in (string[])["render_jobs", "media", "sessions"])
        {
            Write($"DELETE FROM {table} WHERE {(table == "sessions" ? "id" : "session_id")} = $id", ("$id", sessionId));
        }
    }

    public void SaveMedia(string sessionId, MediaItem media) => Write(
        """
        INSERT OR REPLACE INTO media(id, session_id, name, file_path, size_bytes, kind, duration_ms, width, height, has_audio,
            download_key, frame_rate)
        VALUES ($id, $session, $name, $path, $size, $kind, $duration, $width, $height, $audio, $key, $fps)
        """,
        ("$id", media.Id), ("$session", sessionId), ("$name", media.Name), ("$path", Relative(media.FilePath)),
        ("$size", media.SizeBytes), ("$kind", media.Kind.ToString()), ("$duration", media.DurationMs), ("$width", media.Width),
        ("$height", media.Height), ("$audio", media.HasAudio), ("$key", media.DownloadKey), ("$fps", media.FrameRate));

    public void AddRenderJob(StoredRenderJob stored)
    {
        var job = stored.Job;
        Write(
            """
            INSERT INTO render_jobs(owner_client_id, id, session_id, container, download_key, status, source_media_id, request)
            VALUES ($owner, $id, $session, $container, $key, $status, $source, $request)
            """,
            ("$owner", job.OwnerClientId), ("$id", job.Id), ("$session", job.SessionId), ("$container", job.Container),
            ("$key", job.DownloadKey), ("$status", job.Status.ToString()), ("$source", stored.SourceMediaId),
            ("$request", stored.RequestJson));
    }

    public void UpdateRenderJob(RenderJob job) => Write(
        """
        UPDATE render_jobs SET status = $status, error = $error, transient = $transient, error_id = $errorId,
            output_path = $output, output_bytes = $bytes, completed_at = $completed, output_removed = $removed, notes = $notes,
            warnings = $warnings
        WHERE owner_client_id = $owner AND id = $id
        """,
        ("$status", job.Status.ToString()), ("$error", job.Error), ("$transient", job.Transient), ("$errorId", job.ErrorId),
        ("$output", job.OutputPath is string output ? Relative(output) : null), ("$bytes", job.OutputBytes),
        ("$completed", job.CompletedAt?.UtcTicks), ("$removed", job.OutputRemoved),
        ("$notes", JsonSerializer.Serialize(job.Notes)), ("$warnings", JsonSerializer.Serialize(job.Warnings)), ("$owner", job.OwnerClientId), ("$id", job.Id));

    public void IncrementCounter(string kind, string key) => Write(
        "INSERT INTO counters(kind, key, count) VALUES ($kind, $key, 1) ON CONFLICT(kind, key) DO UPDATE SET count = count + 1",
        ("$kind", kind), ("$key", key));

    public StoredState Load()
    {
        lock (_gate)
        {
            var tokens = Query("SELECT hash, client_id, expires_at FROM tokens",
                row => new StoredToken(row.GetString(0), row.GetString(1), Ticks(row.GetInt64(2))));
            var issues = Query("SELECT client_id, issued_at FROM token_issues", row => (row.GetString(0), Ticks(row.GetInt64(1))))
                .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
            var credits = Query("SELECT client_id, spent FROM credits", row => (row.GetString(0), row.GetInt64(1)))
                .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
            var media = Query(
                    """
                    SELECT session_id, id, name, file_path, size_bytes, kind, duration_ms, width, height, has_audio, download_key,
                        frame_rate
                    FROM media ORDER BY rowid
                    """,
                    row => (SessionId: row.GetString(0), Media: new MediaItem(row.GetString(1), row.GetString(2), Absolute(row.GetString(3)),
                        row.GetInt64(4), Enum.Parse<MediaKind>(row.GetString(5)), NullableLong(row, 6), (int?)NullableLong(row, 7),
                        (int?)NullableLong(row, 8), row.GetBoolean(9), row.GetString(10))
                    {
                        FrameRate = row.IsDBNull(11) ? null : row.GetDouble(11),
                    }))
                .ToLookup(pair => pair.SessionId, pair => pair.Media, StringComparer.Ordinal);
            var sessions = Query(
                "SELECT id, task_id, owner_client_id, language, last_used, active_media_id, settings FROM sessions",
                row => new StoredSession(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), Ticks(row.GetInt64(4)),
                    row.IsDBNull(5) ? null : row.GetString(5), row.GetString(6)));
            var jobs = Query(
                """
                SELECT seq, owner_client_id, id, session_id, container, download_key, status, error, transient, error_id,
                    output_path, output_bytes, completed_at, output_removed, notes, source_media_id, request, warnings
                FROM render_jobs ORDER BY seq
                """,
                row => new StoredRenderJob(row.GetInt64(0), RenderJob.Restore(
                        id: row.GetString(2), sessionId: row.GetString(3), ownerClientId: row.GetString(1), container: row.GetString(4),
                        downloadKey: row.GetString(5), status: Enum.Parse<RenderStatus>(row.GetString(6)),
                        error: row.IsDBNull(7) ? null : row.GetString(7), transient: !row.IsDBNull(8) && row.GetBoolean(8),
                        errorId: row.IsDBNull(9) ? null : row.GetString(9),
                        outputPath: row.IsDBNull(10) ? null : Absolute(row.GetString(10)), outputBytes: NullableLong(row, 11),
                        completedAt: row.IsDBNull(12) ? null : Ticks(row.GetInt64(12)), outputRemoved: row.GetBoolean(13),
                        notes: row.IsDBNull(14) ? [] : JsonSerializer.Deserialize<string[]>(row.GetString(14)) ?? [],
                        warnings: row.IsDBNull(17) ? [] : JsonSerializer.Deserialize<string[]>(row.GetString(17)) ?? []),
                    row.GetString(15), row.GetString(16)));
            var counters = Query("SELECT kind, key, count FROM counters", row => (row.GetString(0), row.GetString(1), row.GetInt32(2)));
            return new StoredState(
                tokens, issues, credits,
                sessions.Select(session => (session, (IReadOnlyList<MediaItem>)media[session.Id].ToList())).ToList(),
                jobs, counters);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }

    /// <summary>
    /// Made before SQLite opens it, with mode 600: SQLite gives its -wal and -shm files the database's mode, so all
    /// three stay owner-only whatever the umask.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public IDisposable WriteTogether() => _held.Open();

    private void Write(string sql, params (string Name, object? Value)[] parameters) => _held.Write(sql, parameters);

    private void WriteAll(IReadOnlyList<HeldWrite> writes)
    {
        lock (_gate)
        {
            // A write racing the shutdown (a render ending as the server stops) is dropped, as it would be by a kill.
            if (_disposed)
            {
                return;
            }

            using var transaction = writes.Count > 1 ? _connection.BeginTransaction() : null;
            foreach (var write in writes)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = write.Sql;
                foreach (var (name, value) in write.Parameters)
                {
                    command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                command.ExecuteNonQuery();
            }

            transaction?.Commit();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private string Relative(string path) => Path.GetRelativePath(_stateDirectory, path);

    private string Absolute(string path) => Path.GetFullPath(path, _stateDirectory);

    private static DateTimeOffset Ticks(long ticks) => new(ticks, TimeSpan.Zero);

    private static long? NullableLong(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);
}

/// <summary>The state database cannot be used (from a newer server, damaged, or held by another server).</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);
