using System;
using System.Net.Http;

namespace NemoVideo.Client
{
    /// <summary>One API call as the transport needs it.</summary>
    /// <param name="CreateContent">Called once per attempt, because a sent HttpContent cannot be sent again.</param>
    /// <param name="Idempotent">True only where repeating cannot do the work twice; it enables the transient retry.</param>
    /// <param name="Target">What the call is about, for error messages (session id, file, render id).</param>
    /// <param name="Authorized">False only for the anonymous-token call, which has no token yet.</param>
    /// <param name="Configure">Extra headers, e.g. X-Client-Id.</param>
    /// <param name="RetryRefusals">
    /// For a call that is not idempotent but safe to repeat when the service refused it outright (HTTP 503 or 429, both
    /// answered before any work): a token, a session or a render submission. Lost connections are still not retried.
    /// </param>
    internal sealed record ApiCall(
        HttpMethod Method,
        string Path,
        bool Idempotent,
        string Target,
        Func<HttpContent?>? CreateContent = null,
        bool Authorized = true,
        Action<HttpRequestMessage>? Configure = null,
        bool RetryRefusals = false)
    {
        /// <summary>The session the call is in, when <see cref="Target"/> names something else (a file): a 1002 names the session.</summary>
        public string? SessionId { get; init; }
    }
}
