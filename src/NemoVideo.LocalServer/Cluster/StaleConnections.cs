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

    public static void Retry(NpgsqlDataSource database, Action call) => Retry(database, call, landed: static () => false);

    /// <summary>
    /// As <see cref="Retry{T}"/> for a write that must not land twice: a failure at the commit leaves its outcome unknown
    /// (the server may have committed and lost the connection before it answered), so <paramref name="landed"/> is asked
    /// on a fresh connection first, and the write runs again only when it did not land.
    /// </summary>
    public static void Retry(NpgsqlDataSource database, Action call, Func<bool> landed)
    {
        try
        {
            call();
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            database.Clear();
            if (!landed())
            {
                call();
            }
        }
    }
}
