using Npgsql;
using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.State;

namespace NemoVideo.LocalServer.Tests.Cluster;

public sealed class PostgresFixture : IDisposable
{
    public ThrowawayPostgres? Postgres { get; } = ThrowawayPostgres.Start();

    public void Dispose() => Postgres?.Dispose();
}

/// <summary>
/// The cluster's rows on a real PostgreSQL: a render delivered twice publishes one output (the row decides), a folder
/// left by a publish that never committed is replaced, a late failure of a duplicate changes nothing, the queue
/// position counts the pending jobs before a job, the state store gives back what it was given, and what it is told to
/// write together is committed together.
/// </summary>
public sealed class PublishOnceTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "nemo-shared-" + Guid.NewGuid().ToString("N"));
    private readonly NpgsqlDataSource? _database;
    private readonly ClusterOptions _cluster;

    public PublishOnceTests(PostgresFixture fixture)
    {
        Directory.CreateDirectory(_shared);
        _cluster = new ClusterOptions { SharedDirectory = _shared, WorkerName = "worker-test" };
        if (fixture.Postgres is null)
        {
            return;
        }

        // A database of its own per test: the nemo schema is made fresh.
        (_cluster.ConnectionString, _database) = ClusterDatabase.CreateDatabase(fixture.Postgres);
    }

    public void Dispose()
    {
        _database?.Dispose();
        Directory.Delete(_shared, recursive: true);
    }

    private (PostgresStateStore Store, RenderJobRows Rows) Open()
    {
        Assert.SkipWhen(_database is null, ThrowawayPostgres.MissingReason);
        return (new PostgresStateStore(_database!, _shared), new RenderJobRows(_database!, _cluster));
    }

    private static RenderJob AddJob(PostgresStateStore store, string id, string session = "ses_1")
    {
        var job = new RenderJob(id, session, "client-1", "mp4");
        store.AddRenderJob(new StoredRenderJob(0, job, "med_1", "{}"));
        return job;
    }

    private string Staging(RenderJobRows rows, RenderJob job, string attempt, string content)
    {
        var folder = Path.Combine(rows.StagingFolder(job.DownloadKey), attempt);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, job.FileName), content);
        return folder;
    }

    [Fact]
    public async Task TwoAttemptsFinishingTogetherPublishOneOutput()
    {
        var (store, rows) = Open();
        var job = AddJob(store, "render_twice");
        var work = rows.Load("ses_1", "render_twice")!;
        Assert.True(rows.MarkTaken(work.Seq, "worker-a", "attempt-a"));
        Assert.True(rows.MarkTaken(work.Seq, "worker-b", "attempt-b"));
        var folders = new[] { Staging(rows, job, "attempt-a", "from a"), Staging(rows, job, "attempt-b", "from b") };
        using var start = new Barrier(2);

        var published = await Task.WhenAll(new[] { "a", "b" }.Select((name, index) => Task.Run(() =>
        {
            start.SignalAndWait();
            return rows.PublishOnce(work, "attempt-" + name, "worker-" + name, folders[index], job.FileName, 6, [], [], DateTimeOffset.UtcNow);
        })));

        var winner = Assert.Single(new[] { "a", "b" }, name => published[name == "a" ? 0 : 1]);
        var files = Directory.GetFiles(rows.PublishedFolder(job.DownloadKey));
        Assert.Equal("from " + winner, File.ReadAllText(Assert.Single(files)));
        var row = rows.Load("ses_1", "render_twice")!;
        Assert.Equal(RenderStatus.Completed, row.Job.Status);
        Assert.Equal(Path.Combine(rows.PublishedFolder(job.DownloadKey), job.FileName), row.Job.OutputPath);
        Assert.Equal("attempt-" + winner, Scalar($"SELECT published_attempt FROM nemo.render_jobs WHERE seq = {work.Seq}"));
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public void AFolderLeftByAPublishThatNeverCommittedIsReplaced()
    {
        var (store, rows) = Open();
        var job = AddJob(store, "render_cut_off");
        var work = rows.Load("ses_1", "render_cut_off")!;
        var stale = rows.PublishedFolder(job.DownloadKey);
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, job.FileName), "renamed by a killed attempt, never committed");

        Assert.True(rows.PublishOnce(work, "attempt-2", "worker-b", Staging(rows, job, "attempt-2", "new"), job.FileName, 3, [], [],
            DateTimeOffset.UtcNow));

        Assert.Equal("new", File.ReadAllText(Assert.Single(Directory.GetFiles(stale))));
    }

    /// <summary>A take retried after the database lost the acknowledgement of one that landed (StaleConnections runs the
    /// same write again) counts one attempt; it counted two, and the job had one attempt fewer than MaxAttempts.</summary>
    [Fact]
    public void TheSameAttemptTakingAJobTwiceCountsOnce()
    {
        var (store, rows) = Open();
        AddJob(store, "render_retried_take");
        var work = rows.Load("ses_1", "render_retried_take")!;

        Assert.True(rows.MarkTaken(work.Seq, "worker-a", "attempt-a"));
        Assert.True(rows.MarkTaken(work.Seq, "worker-a", "attempt-a"));
        var once = rows.Load("ses_1", "render_retried_take")!.Attempts;
        Assert.True(rows.MarkTaken(work.Seq, "worker-b", "attempt-b"));

        Assert.Equal((1, 2), (once, rows.Load("ses_1", "render_retried_take")!.Attempts));
    }

    [Fact]
    public void ALateFailureOrRestartOfADuplicateChangesNothing()
    {
        var (store, rows) = Open();
        var job = AddJob(store, "render_done");
        var work = rows.Load("ses_1", "render_done")!;
        Assert.True(rows.PublishOnce(work, "attempt-1", "worker-a", Staging(rows, job, "attempt-1", "done"), job.FileName, 4, ["a note"], [],
            DateTimeOffset.UtcNow));

        rows.MarkFailed(work.Seq, "worker-b", "ffmpeg lost its output folder", true, null);
        var takenAgain = rows.MarkTaken(work.Seq, "worker-b", "attempt-b");
        var published = rows.PublishOnce(work, "attempt-2", "worker-b", Staging(rows, job, "attempt-2", "again"), job.FileName, 5, [], [],
            DateTimeOffset.UtcNow);

        Assert.False(takenAgain);
        Assert.False(published);
        var row = rows.Load("ses_1", "render_done")!;
        Assert.Equal((RenderStatus.Completed, (long?)4, "a note"), (row.Job.Status, row.Job.OutputBytes, Assert.Single(row.Job.Notes)));
        Assert.Equal("done", File.ReadAllText(Assert.Single(Directory.GetFiles(rows.PublishedFolder(job.DownloadKey)))));
    }

    [Fact]
    public void TheApiNodesCopyTakesWhatAWorkerWrote()
    {
        var (store, rows) = Open();
        var first = AddJob(store, "render_1");
        var second = AddJob(store, "render_2");
        var third = AddJob(store, "render_3");
        Assert.Equal((1, 2, 3), (rows.QueuePosition(first), rows.QueuePosition(second), rows.QueuePosition(third)));

        var work = rows.Load("ses_1", "render_1")!;
        rows.MarkTaken(work.Seq, "worker-a", "attempt-a");
        rows.ReportProgress(work.Seq, 0.5);
        rows.Refresh(first);

        Assert.Equal((RenderStatus.Processing, 0.5), (first.Status, first.Progress));
        Assert.Null(rows.QueuePosition(first));
        Assert.Equal((1, 2), (rows.QueuePosition(second), rows.QueuePosition(third)));
    }

    [Fact]
    public void TheStoreGivesBackWhatItWasGiven()
    {
        var (store, _) = Open();
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        store.SaveToken(new StoredToken("abc123", "client-1", expires));
        store.SaveTokenIssue("client-1", expires);
        store.AddCreditsSpent("client-1", 100);
        store.AddCreditsSpent("client-1", 50);
        store.SaveSession(new StoredSession("ses_1", "task_1", "client-1", "en", expires, "med_1", """{"target":"x"}"""));
        var mediaPath = Path.Combine(_shared, "media", "ses_1", "med_1", "clip.mp4");
        store.SaveMedia("ses_1", new MediaItem("med_1", "clip.mp4", mediaPath, 1234, MediaKind.Video, 2000, 320, 240, true, "key1") { FrameRate = 25 });
        var job = AddJob(store, "render_1");
        store.IncrementCounter("uploads_by_name", "clip.mp4");
        store.IncrementCounter("uploads_by_name", "clip.mp4");

        var state = store.Load();

        Assert.Equal(new StoredToken("abc123", "client-1", expires), Assert.Single(state.Tokens));
        Assert.Equal(expires, state.TokenIssues["client-1"]);
        Assert.Equal(150, state.CreditsSpent["client-1"]);
        var (session, media) = Assert.Single(state.Sessions);
        Assert.Equal(new StoredSession("ses_1", "task_1", "client-1", "en", expires, "med_1", """{"target":"x"}"""), session);
        var item = Assert.Single(media);
        Assert.Equal((mediaPath, 1234L, 25.0, "key1"), (item.FilePath, item.SizeBytes, item.FrameRate!.Value, item.DownloadKey));
        var stored = Assert.Single(state.RenderJobs);
        Assert.Equal((job.Id, job.DownloadKey, RenderStatus.Pending, "med_1"), (stored.Job.Id, stored.Job.DownloadKey, stored.Job.Status, stored.SourceMediaId));
        Assert.Equal(("uploads_by_name", "clip.mp4", 2), Assert.Single(state.Counters));

        store.DeleteSession("ses_1");
        var after = store.Load();
        Assert.Empty(after.Sessions);
        Assert.Empty(after.RenderJobs);
    }

    [Fact]
    public void WhatAScopeHoldsIsCommittedOnlyWhenItEndsAndThenAllOfIt()
    {
        var (store, _) = Open();
        using (store.WriteTogether())
        {
            store.AddCreditsSpent("client-1", 10);
            store.SaveSession(new StoredSession("ses_1", "task_1", "client-1", "en", DateTimeOffset.UnixEpoch, "med_1", "{}"));
            store.IncrementCounter("edits_by_name", "clip.mp4");
            Task.Run(() => store.AddCreditsSpent("client-2", 7), TestContext.Current.CancellationToken).Wait(TestContext.Current.CancellationToken);

            Assert.Equal("0 0 0", Rows());
            Assert.Equal("7", Scalar("SELECT spent::text FROM nemo.credits WHERE client_id = 'client-2'"));
        }

        Assert.Equal("1 1 1", Rows());
        store.AddCreditsSpent("client-1", 25);
        Assert.Equal(35, store.Load().CreditsSpent["client-1"]);
    }

    private string? Rows() => Scalar(
        "SELECT (SELECT count(*) FROM nemo.credits WHERE client_id = 'client-1') || ' ' || (SELECT count(*) FROM nemo.sessions) || ' ' || " +
        "(SELECT count(*) FROM nemo.counters WHERE kind = 'edits_by_name')");

    private string? Scalar(string sql)
    {
        using var command = _database!.CreateCommand(sql);
        return command.ExecuteScalar() as string;
    }
}
