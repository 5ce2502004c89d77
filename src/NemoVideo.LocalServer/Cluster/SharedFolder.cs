using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// Checks, before a node starts, that --shared-dir is the cluster's shared folder: it exists (a node never creates it:
/// a mount that is missing must not silently become an empty local folder), this node can write to it, and it holds the
/// marker file naming the cluster id stored in the database. The first node of a new cluster (empty database) writes
/// both; every later node, API or worker, must find the marker with the database's id.
/// </summary>
internal static class SharedFolder
{
    public const string MarkerFileName = ".nemo-cluster-id";

    /// <exception cref="State.StateStoreException">The folder is missing, not writable, or another cluster's (or no cluster's).</exception>
    public static string Verify(NpgsqlDataSource database, ClusterOptions cluster)
    {
        var folder = cluster.SharedDirectory;
        if (!Directory.Exists(folder))
        {
            throw Refuse($"The shared folder {folder} (--shared-dir) does not exist. Mount the cluster's shared folder there; "
                + "for a new cluster, create the folder first (every node must see the same folder). A node never creates it.");
        }

        var probe = Path.Combine(folder, $".nemo-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "nemo");
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Refuse($"The shared folder {folder} (--shared-dir) is not writable by this node ({error.Message}). "
                + "Every node writes uploads, staging folders or renders there: mount it read-write for the user running the server.");
        }

        var markerPath = Path.Combine(folder, MarkerFileName);
        var marker = File.Exists(markerPath) ? File.ReadAllText(markerPath).Trim() : null;
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Nodes of a new cluster starting together: one claims it, the others see its id.
        using (var lockTable = new NpgsqlCommand("LOCK TABLE nemo.cluster IN EXCLUSIVE MODE", connection, transaction))
        {
            lockTable.ExecuteNonQuery();
        }

        string? id;
        using (var read = new NpgsqlCommand("SELECT id FROM nemo.cluster LIMIT 1", connection, transaction))
        {
            id = read.ExecuteScalar() as string;
        }

        if (id is null)
        {
            if (marker is not null)
            {
                throw Refuse($"The shared folder {folder} belongs to another cluster (its {MarkerFileName} names cluster {marker}), "
                    + "but this cluster database is new. Give this cluster an empty shared folder, or point --cluster-db at that cluster's database.");
            }

            id = Guid.NewGuid().ToString("N");
            File.WriteAllText(markerPath, id + Environment.NewLine);
            using var insert = new NpgsqlCommand("INSERT INTO nemo.cluster(id) VALUES (@id)", connection, transaction);
            insert.Parameters.AddWithValue("id", id);
            insert.ExecuteNonQuery();
        }
        else if (marker is null)
        {
            throw Refuse($"The shared folder {folder} (--shared-dir) is not this cluster's shared folder: it has no {MarkerFileName} "
                + $"(the cluster's folder names cluster {id}). Mount the folder the other nodes use there.");
        }
        else if (marker != id)
        {
            throw Refuse($"The shared folder {folder} (--shared-dir) belongs to cluster {marker}, but the cluster database is cluster {id}. "
                + "Mount the folder the other nodes use there, or point --cluster-db at that folder's database.");
        }

        transaction.Commit();
        return id;
    }

    private static State.StateStoreException Refuse(string message) => new(message);
}
