using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>What a node of a cluster does.</summary>
public enum ClusterRole
{
    /// <summary>Serves the API and runs renders (one process is a whole cluster).</summary>
    All,

    /// <summary>Serves the API; renders go to the queue for workers.</summary>
    Api,

    /// <summary>Runs renders from the queue; serves no API.</summary>
    Worker,
}

/// <summary>
/// Cluster mode: the state lives in PostgreSQL (<see cref="PostgresStateStore"/>), render jobs are Hangfire jobs in the
/// same database, and media and outputs live in a folder every node mounts (<see cref="SharedDirectory"/>).
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The Npgsql connection string. May carry a password: it is never logged or shown.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    public ClusterRole Role { get; set; } = ClusterRole.All;

    /// <summary>Uploads, staging and published renders; the same folder on every node (a real shared file system).</summary>
    public string SharedDirectory { get; set; } = string.Empty;

    /// <summary>This node's name on the status page and in the job rows.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Hangfire.PostgreSql's invisibility timeout, with sliding renewal: a live worker keeps renewing its job, so this is
    /// only how long a job of a worker that died (killed, machine lost) waits before another worker takes it.
    /// </summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often workers look for new jobs and send their heartbeat.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the API node looks for render rows whose Hangfire job ended or vanished without ending them.</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool ServesApi => Role is ClusterRole.All or ClusterRole.Api;

    public bool RunsRenders => Role is ClusterRole.All or ClusterRole.Worker;

    public static ClusterRole ParseRole(string value) => value.ToLowerInvariant() switch
    {
        "all" => ClusterRole.All,
        "api" => ClusterRole.Api,
        "worker" => ClusterRole.Worker,
        _ => throw new FormatException($"--role takes all, api or worker (got '{value}')."),
    };

    /// <summary>The --cluster-db value, or with <c>env:NAME</c> the environment variable NAME (a password stays off the command line).</summary>
    public static string ReadConnectionString(string value)
    {
        if (!value.StartsWith("env:", StringComparison.Ordinal))
        {
            return value;
        }

        var name = value["env:".Length..];
        return Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? text
            : throw new FormatException($"--cluster-db {value}: the environment variable {name} is not set.");
    }

    /// <exception cref="FormatException">The cluster options are incomplete or contradict the others.</exception>
    public void Validate(Hosting.LocalServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new FormatException("--role, --shared-dir, --worker-name and --job-timeout need --cluster-db (cluster mode).");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            // The connection string is not repeated: it may carry a password.
            throw new FormatException("--cluster-db is not an Npgsql connection string, e.g. \"Host=db;Port=5432;Username=nemo;Database=nemo\".");
        }

        if (string.IsNullOrWhiteSpace(SharedDirectory))
        {
            throw new FormatException("Cluster mode needs --shared-dir: the folder every node reads uploads from and writes renders to.");
        }

        if (options.InMemory)
        {
            throw new FormatException("--in-memory and --cluster-db exclude each other: a cluster keeps its state in PostgreSQL.");
        }
    }

    /// <summary>The connection string without its password, for messages.</summary>
    public string SafeDescription()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }
}
