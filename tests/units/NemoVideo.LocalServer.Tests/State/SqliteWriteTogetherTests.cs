using Microsoft.Data.Sqlite;
using NemoVideo.LocalServer.State;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.State;

/// <summary>
/// <see cref="SqliteStateStore.WriteTogether"/> on a real database file: what a scope holds is in the file only once the
/// scope ends, all of it (a kill before that leaves none of it); other threads write straight through meanwhile; an
/// inner scope joins the outer one; credits are added, so charges land in any order.
/// </summary>
public sealed class SqliteWriteTogetherTests : IDisposable
{
    private readonly string _data = TestServer.NewDataDirectory();
    private readonly SqliteStateStore _store;

    public SqliteWriteTogetherTests()
    {
        Directory.CreateDirectory(_data);
        _store = new SqliteStateStore(_data);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void WhatAScopeHoldsIsInTheFileOnlyWhenItEndsAndThenAllOfIt()
    {
        using (_store.WriteTogether())
        {
            _store.AddCreditsSpent("client-1", 10);
            _store.SaveSession(new StoredSession("ses_1", "task_1", "client-1", "en", DateTimeOffset.UnixEpoch, "med_1", "{}"));
            _store.IncrementCounter("edits_by_name", "clip.mp4");
            Task.Run(() => _store.IncrementCounter("uploads_by_name", "other.mp4"), TestContext.Current.CancellationToken).Wait(TestContext.Current.CancellationToken);

            Assert.Equal((0L, 0L, 0L), Rows());
            Assert.Equal(1L, Count("SELECT count(*) FROM counters WHERE key = 'other.mp4'"));
        }

        Assert.Equal((1L, 1L, 1L), Rows());
    }

    [Fact]
    public void AnInnerScopeJoinsTheOuterOne()
    {
        using (_store.WriteTogether())
        {
            using (_store.WriteTogether())
            {
                _store.IncrementCounter("edits_by_name", "clip.mp4");
            }

            Assert.Equal(0L, Count("SELECT count(*) FROM counters"));
        }

        Assert.Equal(1L, Count("SELECT count(*) FROM counters"));
    }

    [Fact]
    public void ChargesAddUpWhicheverLandsFirst()
    {
        _store.AddCreditsSpent("client-1", 10);
        _store.AddCreditsSpent("client-1", 25);

        Assert.Equal(35L, _store.Load().CreditsSpent["client-1"]);
    }

    [Fact]
    public void ADeletedSessionTakesItsMediaAndRendersInOneWrite()
    {
        _store.SaveSession(new StoredSession("ses_1", "task_1", "client-1", "en", DateTimeOffset.UnixEpoch, null, "{}"));
        _store.AddRenderJob(new StoredRenderJob(0, new NemoVideo.LocalServer.Rendering.RenderJob("render_1", "ses_1", "client-1", "mp4"), "med_1", "{}"));

        _store.DeleteSession("ses_1");

        Assert.Empty(_store.Load().Sessions);
        Assert.Empty(_store.Load().RenderJobs);
    }

    private (long Credits, long Sessions, long Counters) Rows() => (
        Count("SELECT count(*) FROM credits"), Count("SELECT count(*) FROM sessions"),
        Count("SELECT count(*) FROM counters WHERE kind = 'edits_by_name'"));

    /// <summary>Read through a connection of its own, as a server started after a kill would.</summary>
    private long Count(string sql)
    {
        using var reader = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_data, SqliteStateStore.FileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
