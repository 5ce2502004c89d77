using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation.Runspaces;

namespace NemoVideo.Module.Connections
{
    /// <summary>
    /// The default connection of each runspace. Parallel runspaces (ForEach-Object -Parallel, jobs) start without one,
    /// which is why every cmdlet also takes -Session.
    /// </summary>
    internal sealed class RunspaceConnectionScope : IConnectionScope
    {
        private static readonly ConcurrentDictionary<Guid, NemoConnection> Defaults = new ConcurrentDictionary<Guid, NemoConnection>();

        private readonly Guid runspaceId;
        private readonly Runspace? runspace;

        public RunspaceConnectionScope(Guid runspaceId)
        {
            this.runspaceId = runspaceId;
        }

        /// <summary>The scope of a live runspace: its default connection is closed when the runspace ends.</summary>
        public RunspaceConnectionScope(Runspace? runspace)
            : this(runspace?.InstanceId ?? Guid.Empty)
        {
            this.runspace = runspace;
        }

        public NemoConnection? Current
        {
            get => Defaults.TryGetValue(runspaceId, out var connection) ? connection : null;
            set
            {
                if (value == null)
                {
                    Defaults.TryRemove(runspaceId, out _);
                }
                else
                {
                    Defaults[runspaceId] = value;
                    if (runspace != null)
                    {
                        RunspaceLifetime.Watch(runspace, () => Close(runspaceId));
                    }
                }
            }
        }

        /// <summary>Closes one runspace's default connection (its runspace ended), stopping a local server it started.</summary>
        public static void Close(Guid runspaceId)
        {
            if (Defaults.TryRemove(runspaceId, out var connection))
            {
                connection.Close();
            }
        }

        /// <summary>On module removal: close every connection so no local server outlives the module.</summary>
        public static void CloseAll()
        {
            foreach (var runspace in Defaults.Keys.ToArray())
            {
                if (Defaults.TryRemove(runspace, out var connection))
                {
                    connection.Close();
                }
            }
        }
    }
}
