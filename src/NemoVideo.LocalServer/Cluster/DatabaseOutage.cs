using System.Net.Sockets;
using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// Tells a cluster database outage (PostgreSQL down, restarted, unreachable) from a defect, and words it for the
/// client and the operator: the database's host, port and name, never the connection string (it may carry a password).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>True when the exception, or one it wraps, says the database could not be reached or dropped the connection.</summary>
    public static bool Is(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }:
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>"the cluster database host:port/name is unreachable".</summary>
    public static string Describe(ClusterOptions cluster)
    {
        var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
        return $"the cluster database {builder.Host}:{builder.Port}/{builder.Database} is unreachable";
    }
}
