using System.Net.Sockets;
using Npgsql;
using NemoVideo.LocalServer.Cluster;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// A write that adds (credits spent, a counter) is written once even when the database loses the connection around the
/// commit: after a lost acknowledgement the store asks whether the write landed before running it again (it used to
/// run it again, and the client was charged twice); a failure before the commit is simply retried. Real PostgreSQL.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class AdditiveWriteTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);

    public void Dispose() => _db.Dispose();

    private static NpgsqlException ConnectionLost() => new("connection lost (simulated)", new SocketException((int)SocketError.ConnectionReset));

    private PostgresStateStore Store(Action<NpgsqlTransaction> commit)
    {
        _db.SkipWithoutPostgres();
        return new PostgresStateStore(_db.Database!, _db.Shared) { Commit = commit };
    }

    [Fact]
    public void A_charge_whose_commit_acknowledgement_was_lost_is_not_charged_again()
    {
        var commits = 0;
        var store = Store(transaction =>
        {
            transaction.Commit();
            if (++commits == 1)
            {
                throw ConnectionLost();
            }
        });

        store.AddCreditsSpent("client-1", 50);
        store.IncrementCounter("edits_by_name", "clip.mp4");

        var state = store.Load();
        Assert.Equal(50, state.CreditsSpent["client-1"]);
        Assert.Equal(("edits_by_name", "clip.mp4", 1), Assert.Single(state.Counters));
    }

    [Fact]
    public void A_charge_that_failed_before_its_commit_is_written_on_the_retry_once()
    {
        var attempts = 0;
        var store = Store(transaction =>
        {
            if (++attempts == 1)
            {
                throw ConnectionLost();
            }

            transaction.Commit();
        });

        using (store.WriteTogether())
        {
            store.AddCreditsSpent("client-1", 50);
            store.IncrementCounter("edits_by_name", "clip.mp4");
        }

        var state = store.Load();
        Assert.Equal(2, attempts);
        Assert.Equal(50, state.CreditsSpent["client-1"]);
        Assert.Equal(("edits_by_name", "clip.mp4", 1), Assert.Single(state.Counters));
    }
}
