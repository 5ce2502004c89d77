using System.Collections.Concurrent;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// Runs render jobs with the compression engine: one at a time per session, and at most
/// <see cref="LocalServerOptions.MaxConcurrentRenders"/> across the whole server, in submission order (later jobs
/// wait as pending). A client may have at most <see cref="LocalServerOptions.MaxQueuedRendersPerClient"/> jobs pending
/// or processing. Jobs stop when the server stops. Render ids are scoped per client: two clients may use the same id,
/// and neither can see or take the other's.
/// </summary>
/// <remarks>
/// Every job is a row in the state store (<see cref="State.IStateStore"/>) before it runs, and each change of its status
/// is written there; with a durable store a job cut short by a stop stays pending, and the next start runs it again
/// (<see cref="Restore"/>). Running twice is safe: the engine writes under a temporary name in this run's folder, and
/// the finished file is published by one rename into the state folder, after which the row says completed.
/// </remarks>
public sealed class RenderQueue(LocalServerOptions options, FaultInjector faults, Lazy<CompressionEngine> engine,
    IHostApplicationLifetime lifetime, ILogger<RenderQueue> logger, State.IStateStore? store = null,
    IRenderDispatcher? dispatcher = null)
{
    private readonly State.IStateStore _store = store ?? State.InMemoryStateStore.Instance;

    private readonly ConcurrentDictionary<string, RenderJob> _jobs = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>One slot per ffmpeg the server may run at once; waiters are served first come, first served.</summary>
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentRenders, options.MaxConcurrentRenders);

    /// <summary>Serialises the per-client count with the add, so parallel submissions cannot overshoot the cap.</summary>
    private readonly object _admission = new();

    /// <summary>The caller's own job with that id; another client's is not found. In cluster mode, as its row now says.</summary>
    public RenderJob? Find(string clientId, string renderId) => Fresh(_jobs.GetValueOrDefault(Key(clientId, renderId)));

    /// <summary>The job behind a public output link.</summary>
    public RenderJob? FindByDownloadKey(string downloadKey) => Fresh(_jobs.Values.FirstOrDefault(job => job.DownloadKey == downloadKey));

    /// <summary>The job's place in the cluster's queue (1 = next) while it is pending; null on one machine or once it runs.</summary>
    public int? QueuePosition(RenderJob job) => dispatcher?.QueuePosition(job);

    /// <summary>In cluster mode a job runs elsewhere: an unfinished one is read back from its row before it answers.</summary>
    private RenderJob? Fresh(RenderJob? job)
    {
        if (job is not null && dispatcher is not null && job.Status is RenderStatus.Pending or RenderStatus.Processing)
        {
            dispatcher.Refresh(job);
        }

        return job;
    }

    public IEnumerable<RenderJob> All => _jobs.Values;

    public IEnumerable<RenderJob> CompletedFor(string sessionId) =>
        _jobs.Values.Where(job => job.SessionId == sessionId).Select(job => Fresh(job)!)
            .Where(job => job.Status == RenderStatus.Completed && !job.OutputRemoved);

    /// <summary>
    /// Queues the job behind the session's earlier ones, unless its id is taken or its client has too many jobs waiting.
    /// <paramref name="queued"/> (a count) is written with the job's row, before any worker can take the job.
    /// </summary>
    public EnqueueResult TryEnqueue(Session session, RenderJob job, RenderWork work, Action queued)
    {
        lock (_admission)
        {
            if (_jobs.ContainsKey(Key(job.OwnerClientId, job.Id)))
            {
                return EnqueueResult.IdTaken;
            }

            if (UnfinishedCount(job.OwnerClientId) >= options.MaxQueuedRendersPerClient)
            {
                return EnqueueResult.ClientQueueFull;
            }

            using var together = _store.WriteTogether();
            _jobs[Key(job.OwnerClientId, job.Id)] = job;
            _store.AddRenderJob(new State.StoredRenderJob(0, job, work.Source.Id,
                System.Text.Json.JsonSerializer.Serialize(work.Request)));
            queued();
        }

        if (dispatcher is not null)
        {
            dispatcher.Enqueue(job);
        }
        else
        {
            Schedule(session, job, work);
        }

        return EnqueueResult.Queued;
    }

    private void Schedule(Session session, RenderJob job, RenderWork work)
    {
        lock (session.RenderGate)
        {
            var run = RunAfterAsync(session.RenderTail, job, work);
            session.RenderTail = run;
            _running[run] = 0;
            run.ContinueWith(finished => _running.TryRemove(finished, out _), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Takes back the jobs the state store kept: ended ones answer polls and downloads as before; pending or
    /// processing ones (the server stopped or was killed under them) run again, in their submission order.
    /// </summary>
    internal void Restore(State.StoredState state, SessionStore sessions)
    {
        foreach (var stored in state.RenderJobs)
        {
            var job = stored.Job;
            _jobs[Key(job.OwnerClientId, job.Id)] = job;
            // Ended, or (cluster mode) held by the job engine, which runs it on a worker however this node stops.
            if (job.Status is RenderStatus.Completed or RenderStatus.Failed || dispatcher is not null)
            {
                continue;
            }

            var session = sessions.FindById(job.SessionId);
            var source = session?.FindMedia(stored.SourceMediaId);
            var request = System.Text.Json.JsonSerializer.Deserialize<CompressionRequest>(stored.RequestJson);
            if (session is null || source is null || request is null || !File.Exists(source.FilePath))
            {
                Fail(job, "The render's source is gone (its session was removed while the server was stopped). Upload it again.",
                    transient: false);
                continue;
            }

            logger.LogInformation("Render {RenderId} was {Status} when the server stopped; running it again", job.Id, job.Status);
            job.Requeue();
            _store.UpdateRenderJob(job);
            Schedule(session, job, new RenderWork(source, request));
        }
    }

    /// <summary>Deletes a finished job's output (retention passed); the job still answers, without a file.</summary>
    public void RemoveOutput(RenderJob job)
    {
        if (job.OutputPath is string path)
        {
            job.MarkOutputRemoved();
            _store.UpdateRenderJob(job);
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    private void Fail(RenderJob job, string reason, bool transient, string? errorId = null)
    {
        job.Fail(reason, transient, errorId);
        _store.UpdateRenderJob(job);
    }

    private int UnfinishedCount(string clientId) =>
        _jobs.Values.Count(job => job.OwnerClientId == clientId && job.Status is RenderStatus.Pending or RenderStatus.Processing
            && Fresh(job)!.Status is RenderStatus.Pending or RenderStatus.Processing);

    /// <summary>True while a job of the session is pending or processing.</summary>
    public bool IsBusy(Session session) => dispatcher is null
        ? !session.RenderTail.IsCompleted
        : _jobs.Values.Any(job => job.SessionId == session.Id && Fresh(job)!.Status is RenderStatus.Pending or RenderStatus.Processing);

    /// <summary>Forgets a removed session's jobs and deletes their outputs.</summary>
    public void RemoveSession(Session session)
    {
        foreach (var (key, job) in _jobs)
        {
            if (job.SessionId == session.Id && job.Status is RenderStatus.Completed or RenderStatus.Failed)
            {
                _jobs.TryRemove(key, out _);
                job.MarkOutputRemoved();
                DeleteFolder(Path.Combine(options.StateDirectory, "renders", job.DownloadKey));
            }
        }
    }

    /// <summary>Completes when every queued job has ended (they are cancelled when the server stops), or at the timeout.</summary>
    public Task DrainAsync(TimeSpan timeout) =>
        Task.WhenAll(_running.Keys.ToArray()).WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);

    private static string Key(string clientId, string renderId) => clientId + "\n" + renderId;

    internal static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never written, or already gone.
        }
    }

    private async Task RunAfterAsync(Task previous, RenderJob job, RenderWork work)
    {
        await previous;
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await _slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            // A durable store keeps the job pending, and the next start runs it; otherwise it is lost with the server.
            if (!_store.IsDurable)
            {
                job.Fail("The server stopped before the render started. Submit it again.", transient: true);
            }

            return;
        }

        try
        {
            await RunAsync(job, work, stopping);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Never throws: every outcome ends in the job's status, so the next job of the session always runs.</summary>
    private async Task RunAsync(RenderJob job, RenderWork work, CancellationToken stopping)
    {
        job.Start();
        _store.UpdateRenderJob(job);
        var staging = Path.Combine(options.RunDirectory, "staging", job.DownloadKey);
        try
        {
            if (faults.ShouldInject(FaultKind.SlowRender))
            {
                await Task.Delay(options.SlowRenderDelay, options.TimeProvider, stopping);
            }

            if (faults.ShouldInject(FaultKind.FailRender))
            {
                Fail(job, "The render failed (injected fault). Submit it again.", transient: true);
                return;
            }

            // Encoded in this run's folder (its temporary files, and any ffmpeg a kill leaves running, are found and
            // removed by the next start), then published with one rename into the state folder. A run that was cut off
            // between the rename and the status write left a file nobody was told of: this run replaces it.
            var published = Path.Combine(options.StateDirectory, "renders", job.DownloadKey);
            DeleteFolder(staging);
            DeleteFolder(published);
            Directory.CreateDirectory(staging);
            var result = await engine.Value.CompressAsync(work.Source.FilePath, Path.Combine(staging, job.FileName), work.Request,
                new JobProgress(job), stopping);
            foreach (var note in result.Notes)
            {
                logger.LogInformation("Render {RenderId}: {Note}", job.Id, note);
            }

            var output = Publish(result.OutputPath, published);
            DeleteFolder(staging);
            job.Complete(output, result.Bytes, options.TimeProvider.GetUtcNow(), result.Notes, result.Warnings);
            _store.UpdateRenderJob(job);
        }
        catch (CompressionException error)
        {
            logger.LogWarning("Render {RenderId} failed ({ErrorId}): {Message}", job.Id, error.ErrorId, error.Message);
            var reason = RenderFailureReason.For(error, work.Source.FilePath, work.Source.Name, Path.Combine(staging, job.FileName), job.FileName);
            Fail(job, reason, RenderFailureReason.IsTransient(error.Kind), error.ErrorId);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A durable store keeps the job processing, and the next start runs it again; otherwise it is lost.
            if (!_store.IsDurable)
            {
                job.Fail("The server stopped before the render finished. Submit it again.", transient: true);
            }
        }
        catch (Exception error)
        {
            // Any other failure still has to end as the job's status: a faulted task would stall the session's queue.
            Fail(job, $"The render failed: {error.Message}", transient: true);
        }
    }

    /// <summary>Moves the finished file into its published folder (same file system: one atomic rename).</summary>
    private static string Publish(string finished, string publishedFolder)
    {
        if (Path.GetDirectoryName(finished) == publishedFolder)
        {
            return finished;
        }

        Directory.CreateDirectory(publishedFolder);
        var output = Path.Combine(publishedFolder, Path.GetFileName(finished));
        File.Move(finished, output);
        return output;
    }

    /// <summary>Reports straight into the job (Progress&lt;T&gt; would post out of order on the thread pool).</summary>
    private sealed class JobProgress(RenderJob job) : IProgress<double>
    {
        public void Report(double value) => job.ReportProgress(value);
    }
}

public enum EnqueueResult
{
    Queued,

    /// <summary>The client already used this render id.</summary>
    IdTaken,

    /// <summary>The client has <see cref="LocalServerOptions.MaxQueuedRendersPerClient"/> jobs pending or processing.</summary>
    ClientQueueFull,
}
