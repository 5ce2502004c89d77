using System;
using System.Collections.Generic;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// Lets at most one update per activity through each interval (default 200 ms, i.e. five a second): PowerShell
    /// redraws on every record and a byte-level upload would otherwise spend its time painting the console.
    /// First and completing records always pass so a bar appears at once and is always removed.
    /// </summary>
    public sealed class ProgressThrottle
    {
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

        private readonly ICommandHost host;
        private readonly TimeProvider clock;
        private readonly TimeSpan interval;
        private readonly Dictionary<int, long> lastShown = new Dictionary<int, long>();

        public ProgressThrottle(ICommandHost host, TimeProvider clock, TimeSpan? interval = null)
        {
            this.host = host;
            this.clock = clock;
            this.interval = interval ?? DefaultInterval;
        }

        public void Report(ProgressInfo progress)
        {
            var now = clock.GetTimestamp();
            lock (lastShown)
            {
                if (progress.Completed)
                {
                    lastShown.Remove(progress.ActivityId);
                }
                else if (lastShown.TryGetValue(progress.ActivityId, out var last) && clock.GetElapsedTime(last, now) < interval)
                {
                    return;
                }
                else
                {
                    lastShown[progress.ActivityId] = now;
                }

                // Inside the lock so a late update from another thread cannot follow (and resurrect) a completed bar.
                host.WriteProgress(progress);
            }
        }
    }
}
