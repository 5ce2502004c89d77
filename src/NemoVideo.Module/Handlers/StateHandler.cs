using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Get-NemoState: each session's timeline, typed, or the state JSON exactly as received with -Raw.</summary>
    public sealed class StateHandler
    {
        private readonly ConnectionResolver connections;
        private readonly IReadOnlyList<string?> sessionIds;
        private readonly bool raw;

        public StateHandler(ConnectionResolver connections, IReadOnlyList<string?> sessionIds, bool raw)
        {
            this.connections = connections;
            this.sessionIds = sessionIds;
            this.raw = raw;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            foreach (var sessionId in sessionIds)
            {
                var target = connections.For(sessionId);
                await ItemFailures.RunAsync(
                    host,
                    target.Session.SessionId,
                    async () =>
                    {
                        var state = await target.Client.GetStateAsync(target.Session, cancellationToken).ConfigureAwait(false);
                        host.WriteObject(raw ? state.RawJson : new NemoTimeline(state));
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
