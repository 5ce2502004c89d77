using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    internal sealed class StateOperations(ApiTransport transport)
    {
        public async Task<NemoState> GetAsync(NemoSession session, CancellationToken cancellationToken)
        {
            var path = $"api/state/nemo_agent/me/{Uri.EscapeDataString(session.SessionId)}/latest";
            var payload = await transport.SendJsonAsync(new ApiCall(HttpMethod.Get, path, Idempotent: true, session.SessionId), cancellationToken)
                .ConfigureAwait(false);
            return StateReader.Read(session.SessionId, payload);
        }
    }
}
