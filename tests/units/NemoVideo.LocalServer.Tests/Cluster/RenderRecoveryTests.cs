using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.State;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// Every way a render job can be queued again lands on the renders queue, and no row is left "processing" that nothing
/// will end: retries after an exception run on a worker reading only the renders queue, rows whose Hangfire job ended or
/// vanished are queued again or failed as transient, a worker that cannot see the source gives the job back, and the
/// status page flags rows whose worker is gone. Real PostgreSQL and a real Hangfire server.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class RenderRecoveryTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);

    public void Dispose() => _db.Dispose();

    private (PostgresStateStore Store, RenderJobRows Rows) Open()
    {
        _db.SkipWithoutPostgres();
        return (new PostgresStateStore(_db.Database!, _db.Shared), new RenderJobRows(_db.Database!, _db.Cluster));
    }

    private RenderJob AddJob(PostgresStateStore store, string id, bool withSource = true)
    {
        var source = Path.Combine(_db.Shared, "media", "ses_1", "med_1", "clip.mp4");
        if (withSource)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, "not really a video");
        }

        store.SaveMedia("ses_1", new MediaItem("med_1", "clip.mp4", source, 18, MediaKind.Video, 2000, 320, 240, true, "key1"));
        var job = new RenderJob(id, "ses_1", "client-1", "mp4");
        store.AddRenderJob(new StoredRenderJob(0, job, "med_1", JsonSerializer.Serialize(new CompressionRequest())));
        return job;
    }

    private ClusterDispatcher Dispatcher(RenderJobRows rows) =>
        new(new BackgroundJobClient(_db.Storage!), rows, NullLogger<ClusterDispatcher>.Instance);

    private string? EngineState(string? jobId)
    {
        using var connection = _db.Storage!.GetConnection();
        return connection.GetStateData(jobId!)?.Name;
    }

    [Fact]
    public async Task AJobRetriedAfterAnExceptionRunsAgainOnAWorkerReadingOnlyTheRendersQueue()
    {
        var (store, rows) = Open();
        AddJob(store, "render_retried");
        var runs = 0;
        // The engine throws what no encode failure is (as when the shared folder or database hiccups): Hangfire retries.
        var activator = new WorkerActivator(() => new RenderWorkerJob(rows, _db.Cluster,
            new Lazy<CompressionEngine>(() => throw new InvalidOperationException($"run {Interlocked.Increment(ref runs)} fails")),
            NullLogger<RenderWorkerJob>.Instance));
        Dispatcher(rows).Enqueue(new RenderJob("render_retried", "ses_1", "client-1", "mp4"));

        using (new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Queues = [ClusterDispatcher.QueueName],
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(500),
            Activator = activator,
            ServerName = "renders-only",
        }, _db.Storage!))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && rows.Load("ses_1", "render_retried")!.Job.Status != RenderStatus.Failed)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }

        var row = rows.Load("ses_1", "render_retried")!;
        Assert.Equal(RenderWorkerJob.MaxAttempts, row.Attempts);
        Assert.Equal(RenderWorkerJob.MaxAttempts, runs);
        // The last attempt ends the row (transient), so the client's wait ends instead of a row left processing.
        Assert.Equal((RenderStatus.Failed, true), (row.Job.Status, row.Job.Transient));
    }

    [Fact]
    public void ARowWhoseEngineJobWasDeletedIsQueuedAgainOnTheRendersQueue()
    {
        var (store, rows) = Open();
        AddJob(store, "render_orphan");
        var dispatcher = Dispatcher(rows);
        dispatcher.Enqueue(new RenderJob("render_orphan", "ses_1", "client-1", "mp4"));
        var first = (string)_db.Scalar("SELECT hangfire_job_id FROM nemo.render_jobs WHERE id = 'render_orphan'")!;
        rows.MarkTaken(rows.Load("ses_1", "render_orphan")!.Seq, "worker-a", "attempt-1");
        new BackgroundJobClient(_db.Storage!).Delete(first);
        var sweep = new OrphanedRenders(rows, _db.Storage!, dispatcher, _db.Cluster, NullLogger<OrphanedRenders>.Instance);

        Assert.Equal(1, sweep.Sweep());

        var again = (string)_db.Scalar("SELECT hangfire_job_id FROM nemo.render_jobs WHERE id = 'render_orphan'")!;
        Assert.NotEqual(first, again);
        Assert.Equal("Enqueued", EngineState(again));
        Assert.Equal(ClusterDispatcher.QueueName, _db.Scalar($"SELECT queue FROM hangfire.jobqueue WHERE jobid = {again}"));
        Assert.Equal(RenderStatus.Pending, rows.Load("ses_1", "render_orphan")!.Job.Status);
        Assert.Equal(0, sweep.Sweep());
    }

    [Fact]
    public void ARowWhoseEngineJobFailedWithNoAttemptsLeftFailsAsTransient()
    {
        var (store, rows) = Open();
        AddJob(store, "render_spent");
        var dispatcher = Dispatcher(rows);
        dispatcher.Enqueue(new RenderJob("render_spent", "ses_1", "client-1", "mp4"));
        var seq = rows.Load("ses_1", "render_spent")!.Seq;
        for (var attempt = 0; attempt < RenderWorkerJob.MaxAttempts; attempt++)
        {
            rows.MarkTaken(seq, "worker-a", $"attempt-{attempt}");
        }

        var jobId = (string)_db.Scalar("SELECT hangfire_job_id FROM nemo.render_jobs WHERE id = 'render_spent'")!;
        using (var connection = _db.Storage!.GetConnection())
        {
            // Hangfire's retries are used up too: AutomaticRetry lets the failed state stand.
            connection.SetJobParameter(jobId, "RetryCount", (RenderWorkerJob.MaxAttempts - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        new BackgroundJobClient(_db.Storage!).ChangeState(jobId, new FailedState(new IOException("shared folder gone")));
        Assert.Equal("Failed", EngineState(jobId));

        new OrphanedRenders(rows, _db.Storage!, dispatcher, _db.Cluster, NullLogger<OrphanedRenders>.Instance).Sweep();

        var row = rows.Load("ses_1", "render_spent")!;
        Assert.Equal((RenderStatus.Failed, true), (row.Job.Status, row.Job.Transient));
    }

    [Fact]
    public void ARowSavedButNeverQueuedIsQueuedOnceItIsNoLongerFresh()
    {
        var (store, rows) = Open();
        AddJob(store, "render_forgotten");
        var dispatcher = Dispatcher(rows);
        var sweep = new OrphanedRenders(rows, _db.Storage!, dispatcher, _db.Cluster, NullLogger<OrphanedRenders>.Instance);
        Assert.Equal(0, sweep.Sweep());

        _db.Scalar("UPDATE nemo.render_jobs SET updated_at = now() - interval '5 minutes' WHERE id = 'render_forgotten'");
        Assert.Equal(1, sweep.Sweep());

        var jobId = (string)_db.Scalar("SELECT hangfire_job_id FROM nemo.render_jobs WHERE id = 'render_forgotten'")!;
        Assert.Equal("Enqueued", EngineState(jobId));
        Assert.Equal(1L, _db.Storage!.GetMonitoringApi().EnqueuedCount(ClusterDispatcher.QueueName));
    }

    [Fact]
    public async Task AWorkerThatCannotSeeTheSourceGivesTheJobBackAndNamesItself()
    {
        var (store, rows) = Open();
        AddJob(store, "render_unseen", withSource: false);
        var worker = new RenderWorkerJob(rows, _db.Cluster, new Lazy<CompressionEngine>(() => new CompressionEngine()),
            NullLogger<RenderWorkerJob>.Instance);

        await Assert.ThrowsAsync<SourceNotVisibleException>(() => worker.RunAsync("ses_1", "render_unseen", CancellationToken.None));

        var row = rows.Load("ses_1", "render_unseen")!;
        Assert.Equal(RenderStatus.Pending, row.Job.Status);
        Assert.Equal("worker-test", _db.Scalar("SELECT worker FROM nemo.attempt_failures WHERE render_id = 'render_unseen'"));
        var status = JsonSerializer.SerializeToElement(new ClusterStatus(_db.Database!, _db.Cluster, rows, _db.Storage!).Snapshot());
        var failure = Assert.Single(status.GetProperty("last_attempt_failures").EnumerateArray());
        Assert.Equal("worker-test", failure.GetProperty("worker").GetString());
        Assert.Contains("cannot see the render's source", failure.GetProperty("error").GetString());

        // Only when every attempt could not see it does the job fail, and then as transient (submit again), not "upload again".
        for (var attempt = 1; attempt < RenderWorkerJob.MaxAttempts; attempt++)
        {
            try
            {
                await worker.RunAsync("ses_1", "render_unseen", CancellationToken.None);
            }
            catch (SourceNotVisibleException)
            {
            }
        }

        row = rows.Load("ses_1", "render_unseen")!;
        Assert.Equal((RenderStatus.Failed, true), (row.Job.Status, row.Job.Transient));
        // The client hears what to do; which folder on which worker is for the operator (the attempt history above).
        Assert.Contains("Submit the render again", row.Job.Error);
        Assert.DoesNotContain(_db.Cluster.SharedDirectory, row.Job.Error);
        Assert.DoesNotContain("worker-test", row.Job.Error);
    }

    [Fact]
    public void TheStatusFlagsARunningRowWhoseWorkerIsGoneAndCountsItAsWaiting()
    {
        var (store, rows) = Open();
        AddJob(store, "render_stale");
        AddJob(store, "render_waiting");
        var dispatcher = Dispatcher(rows);
        dispatcher.Enqueue(new RenderJob("render_stale", "ses_1", "client-1", "mp4"));
        dispatcher.Enqueue(new RenderJob("render_waiting", "ses_1", "client-1", "mp4"));
        var jobId = (string)_db.Scalar("SELECT hangfire_job_id FROM nemo.render_jobs WHERE id = 'render_stale'")!;
        // A worker took it, then was restarted under a new Hangfire server id: the old id no longer heartbeats.
        using (var connection = _db.Storage!.GetConnection())
        {
            _ = connection.FetchNextJob([ClusterDispatcher.QueueName], CancellationToken.None);
        }

        new BackgroundJobClient(_db.Storage!).ChangeState(jobId, new ProcessingOn("worker-a:123:gone"));
        rows.MarkTaken(rows.Load("ses_1", "render_stale")!.Seq, "worker-a", "attempt-1");

        var status = JsonSerializer.SerializeToElement(new ClusterStatus(_db.Database!, _db.Cluster, rows, _db.Storage!).Snapshot());

        var running = Assert.Single(status.GetProperty("running").EnumerateArray());
        Assert.Equal("render_stale", running.GetProperty("render_id").GetString());
        Assert.True(running.GetProperty("orphaned").GetBoolean());
        Assert.Equal(2, status.GetProperty("queue_length").GetInt32());
        Assert.Equal("reachable", status.GetProperty("database").GetString());
    }

    /// <summary>Hangfire's processing state as a server writes it (its own constructor is internal).</summary>
    private sealed class ProcessingOn(string serverId) : IState
    {
        public string Name => "Processing";

        public string? Reason => null;

        public bool IsFinal => false;

        public bool IgnoreJobLoadException => false;

        public Dictionary<string, string> SerializeData() => new() { ["ServerId"] = serverId, ["WorkerId"] = "worker-0", ["StartedAt"] = "0" };
    }

    private sealed class WorkerActivator(Func<RenderWorkerJob> create) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(RenderWorkerJob) ? create() : base.ActivateJob(jobType);
    }
}
