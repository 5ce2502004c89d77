using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    internal sealed class SessionOperations(ApiTransport transport)
    {
        public async Task<NemoSession> CreateAsync(string language, CancellationToken cancellationToken)
        {
            var body = new { task_name = "project", language = string.IsNullOrWhiteSpace(language) ? "en" : language };
            // Not idempotent: a repeat after a lost answer would open a second project; a 503 opened none, so that is repeated.
            var call = new ApiCall(HttpMethod.Post, "api/tasks/me/with-session/nemo_agent", Idempotent: false, "new session", () => JsonContent.From(body), RetryRefusals: true);
            var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            var sessionId = JsonFields.String(payload, "session_id", "sessionId");
            if (string.IsNullOrEmpty(sessionId))
            {
                throw ApiErrors.Unexpected("the new session has no session_id", transport.Context("new session"), null);
            }

            return new NemoSession(transport.Options.ApiBaseUrl, sessionId!, JsonFields.String(payload, "task_id", "taskId"), body.language);
        }

        public async Task<Uri> BrowserLinkAsync(NemoSession session, CancellationToken cancellationToken)
        {
            var body = new { task_id = session.TaskId, session_id = session.SessionId };
            var call = new ApiCall(HttpMethod.Post, "api/auth/claim-token", Idempotent: false, session.SessionId, () => JsonContent.From(body), RetryRefusals: true);
            var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            var claimToken = JsonFields.String(payload, "claim_token", "claimToken");
            if (string.IsNullOrEmpty(claimToken))
            {
                throw ApiErrors.Unexpected("the claim-token answer has no claim_token", transport.Context(session.SessionId), null);
            }

            // Only the claim token (which has no API rights) goes into the link, never the API token.
            return new Uri(transport.Options.WebBaseUrl, "workspace/claim?ct=" + Uri.EscapeDataString(claimToken!));
        }
    }
}
