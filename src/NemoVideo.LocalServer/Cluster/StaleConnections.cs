using Npgsql;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// After PostgreSQL restarts, the connections idle in Npgsql's pool are dead, and Npgsql finds out only when one is
/// used: the first command on each fails. A database call that fails so has the pool cleared and runs once more on a
/// fresh connection; if that fails too, the database really is unreachable and the caller answers 503.
/// </summary>
internal static class StaleConnections
{
    public static T Retry<T>(NpgsqlDataSource database, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            database.Clear();
            return call();
        }
    }

    public static void Retry(NpgsqlDataSource database, Action call) => Retry(database, () =>
    {
        call();
        return 0;
    });
}
