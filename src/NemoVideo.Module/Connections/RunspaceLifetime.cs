using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace NemoVideo.Module.Connections
{
    /// <summary>
    /// Ties a runspace's default connection (and the -Local server it started) to the runspace: it is closed when the
    /// runspace closes or breaks, and — in the runspaces <c>ForEach-Object -Parallel</c> runs its iterations in, which
    /// PowerShell reuses from one iteration to the next and names <c>PSTask:&lt;n&gt;</c> — when the iteration ends.
    /// </summary>
    internal static class RunspaceLifetime
    {
        private const string ParallelTaskPrefix = "PSTask:";

        private static readonly ConcurrentDictionary<Guid, byte> Watched = new ConcurrentDictionary<Guid, byte>();

        public static void Watch(Runspace runspace, Action closeDefault)
        {
            if (!Watched.TryAdd(runspace.InstanceId, 0))
            {
                return;
            }

            runspace.StateChanged += (_, change) =>
            {
                if (change.RunspaceStateInfo.State == RunspaceState.Closing || change.RunspaceStateInfo.State == RunspaceState.Closed
                    || change.RunspaceStateInfo.State == RunspaceState.Broken)
                {
                    Watched.TryRemove(runspace.InstanceId, out byte _);
                    closeDefault();
                }
            };

            if (runspace.Name != null && runspace.Name.StartsWith(ParallelTaskPrefix, StringComparison.Ordinal))
            {
                runspace.AvailabilityChanged += (_, change) =>
                {
                    if (change.RunspaceAvailability == RunspaceAvailability.Available)
                    {
                        closeDefault();
                    }
                };
            }
        }
    }
}
