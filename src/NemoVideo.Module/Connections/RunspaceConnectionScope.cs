using System;
using System.Collections.Concurrent;
using System.Linq;

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

        public RunspaceConnectionScope(Guid runspaceId)
        {
            this.runspaceId = runspaceId;
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
                }
            }
        }

        /// <summary>Closes the default connection of one runspace (which removes the module while others keep it).</summary>
        public static void Close(Guid runspaceId)
        {
            if (Defaults.TryRemove(runspaceId, out var connection))
            {
                connection.Close();
            }
        }

        /// <summary>On the last module removal: close every connection so no local server outlives the module.</summary>
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
