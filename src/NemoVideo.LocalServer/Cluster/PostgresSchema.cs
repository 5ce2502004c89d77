using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// The cluster's tables in schema <c>nemo</c> (Hangfire keeps its own in schema <c>hangfire</c>), versioned in
/// <c>nemo.schema_version</c>. Nodes starting together migrate one at a time under an advisory lock; a database from a
/// newer server is refused rather than guessed at.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Step N takes the database from version N to N + 1; add steps, never edit a released one.</summary>
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE nemo.tokens(hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
        CREATE TABLE nemo.token_issues(client_id TEXT PRIMARY KEY, issued_at BIGINT NOT NULL);
        CREATE TABLE nemo.credits(client_id TEXT PRIMARY KEY, spent BIGINT NOT NULL);
        CREATE TABLE nemo.sessions(
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL,
            owner_client_id TEXT NOT NULL,
            language TEXT NOT NULL,
            last_used BIGINT NOT NULL,
            active_media_id TEXT,
            settings TEXT NOT NULL);
        CREATE TABLE nemo.media(
            seq BIGSERIAL,
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            name TEXT NOT NULL,
            file_path TEXT NOT NULL,        -- relative to the shared folder
            size_bytes BIGINT NOT NULL,
            kind TEXT NOT NULL,
            duration_ms BIGINT,
            width INTEGER,
            height INTEGER,
            has_audio BOOLEAN NOT NULL,
            download_key TEXT NOT NULL,
            frame_rate DOUBLE PRECISION);
        CREATE INDEX media_by_session ON nemo.media(session_id);
        CREATE TABLE nemo.render_jobs(
            seq BIGSERIAL PRIMARY KEY,      -- submission order: the queue position counts pending jobs before it
            owner_client_id TEXT NOT NULL,
            id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            container TEXT NOT NULL,
            download_key TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT,
            transient BOOLEAN,
            error_id TEXT,
            output_path TEXT,               -- relative to the shared folder
            output_bytes BIGINT,
            completed_at BIGINT,
            output_removed BOOLEAN NOT NULL DEFAULT FALSE,
            notes TEXT,
            warnings TEXT,
            source_media_id TEXT NOT NULL,
            request TEXT NOT NULL,
            progress DOUBLE PRECISION NOT NULL DEFAULT 0,
            hangfire_job_id TEXT,           -- null until enqueued: a start finds rows an API node could not enqueue
            worker TEXT,                    -- the worker running it now, or the one that published its output
            attempts INTEGER NOT NULL DEFAULT 0,
            published_attempt TEXT,         -- the one attempt whose output was published
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            UNIQUE(owner_client_id, id),
            UNIQUE(session_id, id));
        CREATE INDEX render_jobs_by_status ON nemo.render_jobs(status);
        CREATE TABLE nemo.counters(kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(kind, key));
        """,
        """
        CREATE TABLE nemo.cluster(id TEXT NOT NULL);     -- one row: the id also written in the shared folder's marker file
        CREATE TABLE nemo.attempt_failures(
            seq BIGSERIAL PRIMARY KEY,
            render_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            worker TEXT NOT NULL,
            error TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now());
        """,
        """
        -- Writes that add (credits spent, counters) carry an id in the same transaction, so a retry after a lost commit
        -- acknowledgement can ask whether they landed (PostgresStateStore); rows older than an hour are pruned.
        CREATE TABLE nemo.write_batches(id UUID PRIMARY KEY, written_at TIMESTAMPTZ NOT NULL DEFAULT now());
        """,
        """
        -- The attempt that last took the job: taking it again with the same id (a retry after a lost acknowledgement)
        -- does not count another attempt (RenderJobRows.MarkTaken).
        ALTER TABLE nemo.render_jobs ADD COLUMN taken_attempt TEXT;
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    /// <summary>Makes or upgrades the nemo schema, and Hangfire's (whose own installer races when nodes start together).</summary>
    public static void Migrate(NpgsqlDataSource database, string hangfireSchema)
    {
        using var connection = database.OpenConnection();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(7318270011)", connection))
        {
            take.ExecuteNonQuery();
        }

        try
        {
            MigrateNemo(connection);
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, hangfireSchema);
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(7318270011)", connection);
            release.ExecuteNonQuery();
        }
    }

    private static void MigrateNemo(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction,
            """
            CREATE SCHEMA IF NOT EXISTS nemo;
            CREATE TABLE IF NOT EXISTS nemo.schema_version(version INTEGER NOT NULL);
            """);
        using var read = new NpgsqlCommand("SELECT max(version) FROM nemo.schema_version", connection, transaction);
        var version = read.ExecuteScalar() is int stored ? stored : 0;
        if (version > CurrentVersion)
        {
            throw new State.StateStoreException(
                $"The cluster database has schema version {version}, newer than this server's {CurrentVersion}: it was written by a newer "
                + "NemoVideo.LocalServer. Run that version on every node.");
        }

        for (var step = version; step < CurrentVersion; step++)
        {
            Execute(connection, transaction, Steps[step]);
            Execute(connection, transaction, $"DELETE FROM nemo.schema_version; INSERT INTO nemo.schema_version VALUES ({step + 1});");
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
