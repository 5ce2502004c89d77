using System;
using System.Threading;

namespace NemoVideo.Client
{
    /// <summary>
    /// The contract's two limits on an instruction stream, on the injected clock: a total limit, and an idle limit that only
    /// real events (not heartbeats) reset. Either one cancels <see cref="Token"/> and records which it was.
    /// </summary>
    internal sealed class StreamLimits : IDisposable
    {
        private readonly CancellationTokenSource source;
        private readonly ITimer totalTimer;
        private readonly ITimer idleTimer;
        private readonly TimeSpan idle;
        private int expired;

        public StreamLimits(TimeProvider time, TimeSpan total, TimeSpan idle, CancellationToken outer)
        {
            this.idle = idle;
            source = CancellationTokenSource.CreateLinkedTokenSource(outer);
            totalTimer = time.CreateTimer(_ => Expire(StreamLimit.Total), null, total, Timeout.InfiniteTimeSpan);
            idleTimer = time.CreateTimer(_ => Expire(StreamLimit.Idle), null, idle, Timeout.InfiniteTimeSpan);
        }

        public CancellationToken Token => source.Token;

        /// <summary>Which limit ran out, if any.</summary>
        public StreamLimit? Expired => expired == 0 ? (StreamLimit?)null : (StreamLimit)expired;

        public void ResetIdle()
        {
            if (expired == 0)
            {
                idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose()
        {
            totalTimer.Dispose();
            idleTimer.Dispose();
            source.Dispose();
        }

        private void Expire(StreamLimit limit)
        {
            if (Interlocked.CompareExchange(ref expired, (int)limit, 0) == 0)
            {
                try
                {
                    source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The stream finished as the timer fired.
                }
            }
        }
    }

    internal enum StreamLimit
    {
        Total = 1,
        Idle = 2,
    }
}
