using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using NemoVideo.LocalServer.Cluster;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// A fresh database (nemo and hangfire schemas) on the class's throwaway PostgreSQL, a shared folder, and Hangfire
/// storage on that database; removed at disposal. The classes using it share the <see cref="HangfireCollection"/>:
/// Hangfire keeps process-wide state (its log provider), so they run one after another.
/// </summary>
public sealed class ClusterDatabase : IDisposable
{
    public ClusterDatabase(PostgresFixture fixture)
    {
        // Hangfire logs through a process-wide provider that a started server points at its own logger factory, which
        // is disposed with that server: each test starts from a provider of its own.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        Directory.CreateDirectory(Shared);
        Cluster = new ClusterOptions { SharedDirectory = Shared, WorkerName = "worker-test" };
        if (fixture.Postgres is null)
        {
            return;
        }

        (Cluster.ConnectionString, Database) = CreateDatabase(fixture.Postgres);
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        Storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(Cluster.ConnectionString, options), options);
    }

    /// <summary>A database of its own on <paramref name="postgres"/> with the nemo and hangfire schemas made fresh:
    /// its connection string and a data source on it.</summary>
    internal static (string ConnectionString, NpgsqlDataSource Database) CreateDatabase(ThrowawayPostgres postgres)
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        var connectionString = postgres.ConnectionString.Replace("Database=postgres", $"Database={name}");
        var database = NpgsqlDataSource.Create(connectionString);
        PostgresSchema.Migrate(database, "hangfire");
        return (connectionString, database);
    }

    public string Shared { get; } = Path.Combine(Path.GetTempPath(), "nemo-shared-" + Guid.NewGuid().ToString("N"));

    public ClusterOptions Cluster { get; }

    public NpgsqlDataSource? Database { get; }

    public PostgreSqlStorage? Storage { get; }

    public void SkipWithoutPostgres() => Assert.SkipWhen(Database is null, ThrowawayPostgres.MissingReason);

    public object? Scalar(string sql)
    {
        using var command = Database!.CreateCommand(sql);
        return command.ExecuteScalar();
    }

    private sealed class SilentLogProvider : Hangfire.Logging.ILogProvider
    {
        public Hangfire.Logging.ILog GetLogger(string name) => new Silent();

        private sealed class Silent : Hangfire.Logging.ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    public void Dispose()
    {
        Database?.Dispose();
        if (Directory.Exists(Shared))
        {
            Directory.Delete(Shared, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire (process-wide state)";
}
