using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Submits renders and waits for them. Polling starts fast (short clips finish in well under a minute) and doubles up
    /// to the published 30 s; a Retry-After from the service wins. A failed render is submitted once more with a new id.
    /// </summary>
    internal sealed class RenderOperations(ApiTransport transport)
    {
        private const string SubmitPath = "api/render/proxy/lambda";

        private long lastIdMilliseconds;

        public Task<RenderJob> SubmitAsync(NemoSession session, NemoDraft draft, CancellationToken cancellationToken) =>
            SubmitAsync(session, draft, attempt: 1, cancellationToken);

        /// <summary>One poll of a render this client may not have submitted (Get-NemoRender): nothing is waited for or resubmitted.</summary>
        public async Task<RenderJob> GetAsync(NemoSession session, string renderId, CancellationToken cancellationToken)
        {
            var call = new ApiCall(HttpMethod.Get, $"{SubmitPath}/{Uri.EscapeDataString(renderId)}", Idempotent: true, renderId);
            var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            return RenderStatusReader.Apply(new RenderJob(renderId, session.SessionId, RenderStatus.Pending, 0, null, null, NemoDraft.None, 1), payload);
        }

        public async Task<RenderJob> WaitAsync(NemoSession session, RenderJob job, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
        {
            var options = transport.Options;
            var time = transport.Time;
            var started = time.GetTimestamp();
            var delay = options.RenderPollInitialDelay;
            var current = job;
            long? unreachableSince = null;
            while (true)
            {
                switch (current.Status)
                {
                    case RenderStatus.Completed:
                        return current;
                    case RenderStatus.Failed when current.Attempt == 1 && WorthResubmitting(current):
                        transport.Log.Verbose($"render {current.Id} failed ({current.Error ?? "no reason given"}); submitting it once more");
                        current = await SubmitAsync(session, current.Draft, attempt: 2, cancellationToken).ConfigureAwait(false);
                        // Reported at once, before any poll, so a caller that keeps the render id (a batch journal)
                        // records the new one while a rerun could still need it.
                        progress?.Report(new RenderProgress(current.Id, current.Status, current.Progress, time.GetElapsedTime(started)));
                        delay = options.RenderPollInitialDelay;
                        continue;
                    case RenderStatus.Failed:
                        throw Failed(current);
                }

                if (time.GetElapsedTime(started) >= options.RenderTimeout)
                {
                    throw TimedOut(current, options.RenderTimeout);
                }

                TimeSpan? retryAfter = null;
                await time.Delay(delay, cancellationToken).ConfigureAwait(false);
                var polled = current;
                var call = new ApiCall(HttpMethod.Get, $"{SubmitPath}/{Uri.EscapeDataString(polled.Id)}", Idempotent: true, polled.Id);
                JsonElement payload;
                try
                {
                    payload = await transport.SendJsonAsync(
                        call,
                        cancellationToken,
                        response => retryAfter = response.Headers.RetryAfter is null ? (TimeSpan?)null : RetryPolicies.RateLimitWait(response, time.GetUtcNow()))
                        .ConfigureAwait(false);
                }
                catch (NemoException error) when (Transience.IsTransient(error))
                {
                    if (error.ErrorId == NemoErrorIds.ApiConnectionFailed)
                    {
                        unreachableSince ??= time.GetTimestamp();
                        if (time.GetElapsedTime(unreachableSince.Value) >= options.RenderUnreachableTimeout)
                        {
                            throw Unreachable(polled, options.RenderUnreachableTimeout, error);
                        }
                    }
                    else
                    {
                        unreachableSince = null;
                    }

                    // A poll is only a question: one that failed is asked again at the next interval, within the render timeout.
                    transport.Log.Verbose($"polling render {polled.Id} failed ({error.ErrorId}); asking again later");
                    delay = Next(delay, options.RenderPollMaxDelay);
                    continue;
                }

                unreachableSince = null;
                current = RenderStatusReader.Apply(polled, payload);
                progress?.Report(new RenderProgress(current.Id, current.Status, current.Progress, time.GetElapsedTime(started))
                {
                    QueuePosition = current.QueuePosition,
                });
                delay = retryAfter ?? Next(delay, options.RenderPollMaxDelay);
            }
        }

        /// <summary>
        /// Only a failure the service calls transient, or gives no reason for, earns the one resubmission: a reason it
        /// does not call transient (an infeasible size, an unreadable source) would fail again and cost a second render.
        /// </summary>
        public static bool WorthResubmitting(RenderJob failed) =>
            failed.Transient ?? string.IsNullOrWhiteSpace(failed.Error);

        private static TimeSpan Next(TimeSpan delay, TimeSpan max) =>
            TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));

        private async Task<RenderJob> SubmitAsync(NemoSession session, NemoDraft draft, int attempt, CancellationToken cancellationToken)
        {
            if (!draft.IsExportable)
            {
                throw Failure.Of(
                    NemoErrorIds.ExportNothingToExport,
                    NemoErrorCategory.InvalidOperation,
                    "Nothing to export yet: the timeline has no segments.",
                    "Upload a file and give an instruction first (Send-NemoVideo, Invoke-NemoInstruction).",
                    session.SessionId);
            }

            var id = NextId();
            var body = RenderBody.Build(id, session.SessionId, draft.RawJson);
            // Not idempotent: after a lost answer a repeat could queue a second render. A 503 is answered before anything is
            // queued, so that one is repeated; the failed-render resubmission is deliberate and separate.
            var call = new ApiCall(HttpMethod.Post, SubmitPath, Idempotent: false, session.SessionId, () => JsonContent.FromText(body), RetryRefusals: true);
            var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            var job = new RenderJob(id, session.SessionId, RenderStatus.Pending, 0, null, null, draft, attempt);
            transport.Log.Verbose($"submitted render {id} (attempt {attempt})");
            return RenderStatusReader.Apply(job, payload);
        }

        /// <summary><c>render_&lt;unix ms&gt;</c>, kept unique even for two submissions in the same millisecond.</summary>
        private string NextId()
        {
            var now = transport.Time.GetUtcNow().ToUnixTimeMilliseconds();
            long previous, next;
            do
            {
                previous = Interlocked.Read(ref lastIdMilliseconds);
                next = Math.Max(now, previous + 1);
            }
            while (Interlocked.CompareExchange(ref lastIdMilliseconds, next, previous) != previous);

            return "render_" + next;
        }

        private static NemoException Failed(RenderJob job) =>
            Refused(job) ?? (job.Attempt > 1
                ? Failure.Of(
                    NemoErrorIds.ExportRenderFailed,
                    NemoErrorCategory.InvalidResult,
                    $"Render {job.Id} failed, and so did the one resubmission ({Sentences.Clause(job.Error) ?? "no reason given"}).",
                    "Run the command again later; if it fails the same way, check the timeline with Get-NemoState.",
                    job.Id)
                : Failure.Of(
                    NemoErrorIds.ExportRenderRefused,
                    NemoErrorCategory.InvalidData,
                    $"Render {job.Id} failed for a reason a resubmission would not change, so it was not submitted again: {Sentences.Clause(job.Error)}.",
                    "Change what the reason points at (a larger size, a shorter clip, a readable source) and run the command again.",
                    job.Id));

        /// <summary>Refusals the service names by a stable id the user answers by changing the request.</summary>
        private static readonly string[] NamedRefusals = { NemoErrorIds.CompressionInfeasible, NemoErrorIds.CompressionInvalidRequest };

        /// <summary>A named refusal keeps its id, so a script can tell "the size asked for is too small" from a render that
        /// broke; null for any other failure.</summary>
        private static NemoException? Refused(RenderJob job) =>
            job.ErrorId is null || Array.IndexOf(NamedRefusals, job.ErrorId) < 0
                ? null
                : Failure.Of(
                    job.ErrorId,
                    NemoErrorCategory.InvalidArgument,
                    $"Render {job.Id} was refused: {Sentences.Clause(job.Error) ?? "the request cannot be carried out"}.",
                    // The engine's reason already says what would fit (a larger size, a shorter clip, no sound).
                    "Change the request as the reason says and run the command again.",
                    job.Id);

        private static NemoException Unreachable(RenderJob job, TimeSpan limit, NemoException last) =>
            Failure.Of(
                NemoErrorIds.ApiConnectionFailed,
                NemoErrorCategory.ConnectionError,
                $"The service has not answered for {limit.TotalMinutes:0.#} minutes while render {job.Id} was being waited for ({Sentences.Clause(last.InnerException?.Message ?? last.Message)}).",
                "Check that the service (or the local server) is running and reachable, then run the command again: a batch continues the render where it stood.",
                job.Id,
                inner: last);

        private static NemoException TimedOut(RenderJob job, TimeSpan limit) =>
            Failure.Of(
                NemoErrorIds.ExportRenderTimeout,
                NemoErrorCategory.OperationTimeout,
                $"Render {job.Id} did not finish within {limit.TotalMinutes:0} minutes (last status: {job.Status}).",
                "The service may be busy: try the export again later.",
                job.Id);
    }
}
