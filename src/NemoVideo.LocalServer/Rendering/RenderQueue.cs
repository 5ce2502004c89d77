using System.Collections.Concurrent;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// Runs render jobs with the compression engine: one at a time per session, in submission order (later jobs wait
/// as pending). Jobs stop when the server stops.
/// </summary>
public sealed class RenderQueue(LocalServerOptions options, FaultInjector faults, Lazy<CompressionEngine> engine,
    IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<string, RenderJob> _jobs = new(StringComparer.Ordinal);

    public RenderJob? Find(string renderId) => _jobs.GetValueOrDefault(renderId);

    public IEnumerable<RenderJob> All => _jobs.Values;

    public IEnumerable<RenderJob> CompletedFor(string sessionId) =>
        _jobs.Values.Where(job => job.SessionId == sessionId && job.Status == RenderStatus.Completed && !job.OutputRemoved);

    /// <summary>Queues the job behind the session's earlier ones; false when its id is already taken.</summary>
    public bool TryEnqueue(Session session, RenderJob job, RenderWork work)
    {
        if (!_jobs.TryAdd(job.Id, job))
        {
            return false;
        }

        lock (session.RenderGate)
        {
            session.RenderTail = RunAfterAsync(session.RenderTail, job, work);
        }

        return true;
    }

    private async Task RunAfterAsync(Task previous, RenderJob job, RenderWork work)
    {
        await previous;
        await RunAsync(job, work, lifetime.ApplicationStopping);
    }

    /// <summary>Never throws: every outcome ends in the job's status, so the next job of the session always runs.</summary>
    private async Task RunAsync(RenderJob job, RenderWork work, CancellationToken stopping)
    {
        job.Start();
        try
        {
            if (faults.ShouldInject(FaultKind.SlowRender))
            {
                await Task.Delay(options.SlowRenderDelay, options.TimeProvider, stopping);
            }

            if (faults.ShouldInject(FaultKind.FailRender))
            {
                job.Fail("The render failed (injected fault). Submit it again.", transient: true);
                return;
            }

            var folder = Path.Combine(options.DataDirectory, "renders", job.DownloadKey);
            Directory.CreateDirectory(folder);
            var output = Path.Combine(folder, job.FileName);
            var result = await engine.Value.CompressAsync(work.Source.FilePath, output, work.Request,
                new JobProgress(job), stopping);
            job.Complete(result.OutputPath, result.Bytes, options.TimeProvider.GetUtcNow());
        }
        catch (CompressionException error)
        {
            job.Fail(error.Message, IsTransient(error.Kind), error.ErrorId);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            job.Fail("The server stopped before the render finished. Submit it again.", transient: true);
        }
        catch (Exception error)
        {
            // Any other failure still has to end as the job's status: a faulted task would stall the session's queue.
            job.Fail($"The render failed: {error.Message}", transient: true);
        }
    }

    /// <summary>Failures of the request or the source repeat on every resubmission; only an encoder hiccup may pass.</summary>
    private static bool IsTransient(CompressionFailure kind) =>
        kind is CompressionFailure.EncoderFailed or CompressionFailure.OutputExists;

    /// <summary>Reports straight into the job (Progress&lt;T&gt; would post out of order on the thread pool).</summary>
    private sealed class JobProgress(RenderJob job) : IProgress<double>
    {
        public void Report(double value) => job.ReportProgress(value);
    }
}
