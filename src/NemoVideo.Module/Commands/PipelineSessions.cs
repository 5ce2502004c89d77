using System;
using System.Collections.Generic;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// The distinct session ids that came down the pipeline, in order. Several media of one session (Send-NemoVideo's
    /// output) must mean one instruction or one export, not one per media. Empty means the connection's session.
    /// </summary>
    internal sealed class PipelineSessions
    {
        private readonly List<string?> sessionIds = new List<string?>();

        public void Add(string? sessionId)
        {
            if (!sessionIds.Contains(sessionId))
            {
                sessionIds.Add(sessionId);
            }
        }

        public IReadOnlyList<string?> ToList() => sessionIds.Count == 0 ? new string?[] { null } : sessionIds.ToArray();
    }
}
