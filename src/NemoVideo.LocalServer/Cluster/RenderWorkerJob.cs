using Hangfire;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Rendering;

namespace NemoVideo.LocalServer.Cluster;

/// <summary>
/// One render as a Hangfire job, run by a worker node with the compression engine. Hangfire delivers a job at least
/// once (a worker that dies mid-render has its job given to another after <see cref="ClusterOptions.JobTimeout"/>), so
/// every run is safe to repeat: a job already ended is left alone, each attempt encodes into its own staging folder on
/// the shared file system, and <see cref="RenderJobRows.PublishOnce"/> lets exactly one attempt publish.
/// </summary>
public sealed class RenderWorkerJob(RenderJobRows rows, ClusterOptions cluster, Lazy<CompressionEngine> engine, ILogger<RenderWorkerJob> logger)
{
    /// <summary>Attempts after which an unexpected error (not a failed encode) ends the job as failed instead of retrying.</summary>
    internal const int MaxAttempts = 3;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <param name="sessionId">With <paramref name="renderId"/>, names the job's row (neither is a secret; the token and download key stay out of the queue).</param>
    /// <remarks>
    /// [Queue] is what puts every retry back on the renders queue: Hangfire re-enqueues a retried job on its method's
    /// queue (the default queue, which no worker reads, without it), not on the queue of its first enqueue.
    /// </remarks>
    [Queue(ClusterDispatcher.QueueName)]
    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [2, 5])]
    public async Task RunAsync(string sessionId, string renderId, CancellationToken cancellationToken)
    {
        var work = rows.Load(sessionId, renderId);
        if (work is null)
        {
            logger.LogInformation("Render {RenderId}: its session is gone; nothing to do", renderId);
            return;
        }

        if (work.Job.Status is RenderStatus.Completed or RenderStatus.Failed)
        {
            logger.LogInformation("Render {RenderId} already ended ({Status}); this delivery is a repeat", renderId, work.Job.Status);
            return;
        }

        if (work.Attempts >= MaxAttempts)
        {
            rows.MarkFailed(work.Seq, cluster.WorkerName, $"The render was started {work.Attempts} times without finishing. Submit it again.", true, null);
            return;
        }

        var attempt = Guid.NewGuid().ToString("N");
        if (!rows.MarkTaken(work.Seq, cluster.WorkerName, attempt))
        {
            return;
        }

        var request = System.Text.Json.JsonSerializer.Deserialize<CompressionRequest>(work.RequestJson);
        if (request is null || work.SourcePath is null)
        {
            rows.MarkFailed(work.Seq, cluster.WorkerName, "The render's request or source is missing from the database. Upload it again.", false, null);
            return;
        }

        if (!File.Exists(work.SourcePath))
        {
            // Most likely this worker's mount, not the upload: the job goes back for another worker, and the operator sees
            // which worker could not see it. Only when every attempt failed so does the job (transient: submit again).
            var message = $"Worker {cluster.WorkerName} cannot see the render's source in its shared folder {cluster.SharedDirectory} "
                + "(is the cluster's shared folder mounted there?).";
            rows.RecordAttemptFailure(work, cluster.WorkerName, message);
            if (work.Attempts + 1 >= MaxAttempts)
            {
                // The folder is the operator's business (the attempt history and the log have it); the client hears what to do.
                rows.MarkFailed(work.Seq, cluster.WorkerName,
                    "The render's workers cannot see its source in the cluster's shared folder. Submit the render again once the operator has mounted it.", true, null);
                return;
            }

            rows.MarkPending(work.Seq);
            throw new SourceNotVisibleException(message);
        }

        var staging = Path.Combine(rows.StagingFolder(work.Job.DownloadKey), attempt);
        Directory.CreateDirectory(staging);
        logger.LogInformation("Render {RenderId}: attempt {Attempt} on {Worker}", renderId, work.Attempts + 1, cluster.WorkerName);
        try
        {
            var result = await engine.Value.CompressAsync(work.SourcePath, Path.Combine(staging, work.Job.FileName), request,
                new RowProgress(rows, work.Seq), cancellationToken);
            var fileName = Path.GetFileName(result.OutputPath);
            if (Path.GetDirectoryName(result.OutputPath) != staging)
            {
                File.Move(result.OutputPath, Path.Combine(staging, fileName));
            }

            if (rows.PublishOnce(work, attempt, cluster.WorkerName, staging, fileName, result.Bytes, result.Notes, result.Warnings, DateTimeOffset.UtcNow))
            {
                logger.LogInformation("Render {RenderId}: published by attempt {Attempt}", renderId, attempt);
            }
            else
            {
                logger.LogWarning("Render {RenderId}: another attempt published it first; this attempt's output is discarded", renderId);
            }

            // Every attempt's staging folder goes: a later failure of a duplicate cannot undo the publication.
            RenderQueue.DeleteFolder(rows.StagingFolder(work.Job.DownloadKey));
        }
        catch (CompressionException error)
        {
            RenderQueue.DeleteFolder(staging);
            logger.LogWarning("Render {RenderId} failed on {Worker} ({ErrorId}): {Message}", renderId, cluster.WorkerName, error.ErrorId, error.Message);
            var reason = RenderFailureReason.For(error, work.SourcePath, work.SourceName ?? Path.GetFileName(work.SourcePath),
                Path.Combine(staging, work.Job.FileName), work.Job.FileName);
            rows.MarkFailed(work.Seq, cluster.WorkerName, reason, RenderFailureReason.IsTransient(error.Kind), error.ErrorId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This worker is stopping: the job goes back to pending, and Hangfire hands it to a worker again.
            RenderQueue.DeleteFolder(staging);
            rows.MarkPending(work.Seq);
            throw;
        }
        catch (Exception error)
        {
            // Anything else (the database or the shared folder unreachable): Hangfire retries the job, and MaxAttempts ends it
            // (transient, so the client's wait ends with "submit again" instead of a row left processing).
            RenderQueue.DeleteFolder(staging);
            EndIfLastAttempt(work, error);
            throw;
        }
    }

    private void EndIfLastAttempt(WorkItem work, Exception error)
    {
        if (work.Attempts + 1 < MaxAttempts)
        {
            return;
        }

        try
        {
            rows.MarkFailed(work.Seq, cluster.WorkerName,
                $"The render failed {MaxAttempts} times on the workers ({error.GetType().Name}). Submit it again.", true, null);
        }
        catch (Npgsql.NpgsqlException)
        {
            // The database is gone too: the API node's orphan sweep ends the row once Hangfire has failed the job.
        }
    }

    /// <summary>Writes progress to the row at most once a second (pollers read it from there).</summary>
    private sealed class RowProgress(RenderJobRows rows, long seq) : IProgress<double>
    {
        private long _lastWrite;

        public void Report(double value)
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _lastWrite) < ProgressInterval.TotalMilliseconds)
            {
                return;
            }

            Interlocked.Exchange(ref _lastWrite, now);
            try
            {
                rows.ReportProgress(seq, value);
            }
            catch (Npgsql.NpgsqlException)
            {
                // Progress is advisory; the render goes on.
            }
        }
    }
}

/// <summary>A worker cannot see a job's source on its mount of the shared folder; Hangfire retries the job (on the renders queue).</summary>
public sealed class SourceNotVisibleException(string message) : IOException(message);
