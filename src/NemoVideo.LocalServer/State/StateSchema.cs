using Microsoft.Data.Sqlite;

namespace NemoVideo.LocalServer.State;

/// <summary>
/// The state database's tables, versioned in SQLite's <c>user_version</c>: each start applies the steps the file has not
/// had yet, in one transaction, and refuses a file from a newer server rather than guess at its meaning.
/// </summary>
internal static class StateSchema
{
    /// <summary>Step N takes a database from version N to N + 1; add steps, never edit a released one.</summary>
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE tokens(
            hash TEXT PRIMARY KEY,          -- SHA-256 of the token text (hex); the text itself is never stored
            client_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL);   -- UTC ticks
        CREATE TABLE token_issues(client_id TEXT PRIMARY KEY, issued_at INTEGER NOT NULL);
        CREATE TABLE credits(client_id TEXT PRIMARY KEY, spent INTEGER NOT NULL);
        CREATE TABLE sessions(
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL,
            owner_client_id TEXT NOT NULL,
            language TEXT NOT NULL,
            last_used INTEGER NOT NULL,
            active_media_id TEXT,
            settings TEXT NOT NULL);        -- CompressionSettings as JSON
        CREATE TABLE media(
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            name TEXT NOT NULL,
            file_path TEXT NOT NULL,        -- relative to the state folder
            size_bytes INTEGER NOT NULL,
            kind TEXT NOT NULL,
            duration_ms INTEGER,
            width INTEGER,
            height INTEGER,
            has_audio INTEGER NOT NULL,
            download_key TEXT NOT NULL,
            frame_rate REAL);
        CREATE INDEX media_by_session ON media(session_id);
        CREATE TABLE render_jobs(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- submission order, which a restart keeps
            owner_client_id TEXT NOT NULL,
            id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            container TEXT NOT NULL,
            download_key TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT,
            transient INTEGER,
            error_id TEXT,
            output_path TEXT,               -- relative to the state folder
            output_bytes INTEGER,
            completed_at INTEGER,
            output_removed INTEGER NOT NULL DEFAULT 0,
            notes TEXT,                     -- JSON array of strings
            warnings TEXT,                  -- JSON array: the notes that mean something was lost
            source_media_id TEXT NOT NULL,
            request TEXT NOT NULL,          -- the engine's CompressionRequest as JSON
            UNIQUE(owner_client_id, id));
        CREATE INDEX render_jobs_by_session ON render_jobs(session_id);
        CREATE TABLE counters(kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(kind, key));
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    public static void Migrate(SqliteConnection connection)
    {
        var version = Version(connection);
        if (version > CurrentVersion)
        {
            throw new StateStoreException(
                $"The state database has schema version {version}, newer than this server's {CurrentVersion}: it was written by a newer "
                + "NemoVideo.LocalServer. Run that version, or start this one with another --data-dir.");
        }

        if (version == CurrentVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        for (var step = version; step < CurrentVersion; step++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static int Version(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
