using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Every API exchange goes through here: headers, retries, the token (refreshed once for an anonymous token),
    /// the envelope and the error table. The same code path serves the hosted service and the local server.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private const int LoggedBodyLimit = 2000;

        private readonly HttpClient http;

        public ApiTransport(NemoClientOptions options, Func<double>? random = null)
        {
            Options = options;
            Time = options.TimeProvider;
            // The client enforces its own limits (instruction timeouts, render timeout) on the injected clock.
            http = new HttpClient(options.Handler ?? new HttpClientHandler(), disposeHandler: options.Handler is null)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            TokenProvider? tokens = null;
            Log = new ClientLog(options.Log, () => tokens?.Current);
            Tokens = tokens = new TokenProvider(options, new ClientIdStore(options.ConfigDirectory), Log);
            Requests = new ApiRequestFactory(options);
            Policies = new RetryPolicies(Time, Log, random);
        }

        public NemoClientOptions Options { get; }

        public TimeProvider Time { get; }

        public ClientLog Log { get; }

        public TokenProvider Tokens { get; }

        public ApiRequestFactory Requests { get; }

        public RetryPolicies Policies { get; }

        public HttpClient Http => http;

        public ErrorContext Context(string target, string? sessionId = null) =>
            new ErrorContext(Tokens.IsUserSupplied, Tokens.ClientId, Options.WebBaseUrl, target, Tokens.Current, sessionId);

        /// <summary>
        /// Sends a call whose answer is JSON and returns the payload (the envelope's data, or the whole object).
        /// <paramref name="inspect"/> sees each final response's headers (e.g. Retry-After), failed ones included, before it is disposed.
        /// </summary>
        public async Task<JsonElement> SendJsonAsync(ApiCall call, CancellationToken cancellationToken, Action<HttpResponseMessage>? inspect = null)
        {
            var renewal = new TokenRenewal();
            while (true)
            {
                var token = call.Authorized ? await Tokens.GetAsync(this, cancellationToken).ConfigureAwait(false) : null;
                using var response = await ExecuteAsync(call, token, cancellationToken).ConfigureAwait(false);
                var body = await ReadTextAsync(response).ConfigureAwait(false);
                inspect?.Invoke(response);
                var payload = Evaluate(call, response, body, token, renewal);
                if (payload.HasValue)
                {
                    return payload.Value;
                }
            }
        }

        /// <summary>
        /// Sends a call whose successful answer is a stream (events, a file) and returns the open response. A JSON answer
        /// is checked like any other, so a rejected token or an API error code surfaces the same way.
        /// </summary>
        public async Task<HttpResponseMessage> OpenStreamAsync(ApiCall call, CancellationToken cancellationToken)
        {
            var renewal = new TokenRenewal();
            while (true)
            {
                var token = call.Authorized ? await Tokens.GetAsync(this, cancellationToken).ConfigureAwait(false) : null;
                var response = await ExecuteAsync(call, token, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && !IsJson(response))
                {
                    return response;
                }

                string body;
                using (response)
                {
                    body = await ReadTextAsync(response).ConfigureAwait(false);
                }

                if (Evaluate(call, response, body, token, renewal).HasValue)
                {
                    var replay = new HttpResponseMessage(response.StatusCode) { Content = JsonContent.FromText(body), RequestMessage = response.RequestMessage };
                    return replay;
                }
            }
        }

        /// <summary>One request through the retry pipeline, without reading the body.</summary>
        public async Task<HttpResponseMessage> ExecuteAsync(ApiCall call, string? token, CancellationToken cancellationToken)
        {
            var started = Time.GetTimestamp();
            try
            {
                var response = await Policies.For(call.Idempotent, call.RetryRefusals).ExecuteAsync(
                    async attemptToken =>
                    {
                        var request = Requests.CreateApi(call.Method, call.Path, token, call.CreateContent?.Invoke());
                        call.Configure?.Invoke(request);
                        Log.Verbose($"{call.Method} {request.RequestUri}");
                        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
                Log.Verbose($"{call.Method} {call.Path}: HTTP {(int)response.StatusCode} after {Time.GetElapsedTime(started).TotalMilliseconds:0} ms");
                return response;
            }
            catch (HttpRequestException error)
            {
                throw ApiErrors.Connection(error, Context(call.Target, call.SessionId));
            }
        }

        public void Dispose() => http.Dispose();

        private static bool IsJson(HttpResponseMessage response) =>
            response.Content.Headers.ContentType?.MediaType?.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;

        private static async Task<string> ReadTextAsync(HttpResponseMessage response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>The payload when the call succeeded; null when the token was refreshed and the call should be repeated.</summary>
        private JsonElement? Evaluate(ApiCall call, HttpResponseMessage response, string body, string? token, TokenRenewal renewal)
        {
            Log.Debug($"{call.Method} {call.Path} answered: {Truncate(body)}");
            var status = (int)response.StatusCode;
            var reply = TryParse(body);
            var code = reply?.Code ?? 0;
            var tokenRejected = status == (int)HttpStatusCode.Unauthorized || code == ApiErrors.TokenInvalid;
            if (tokenRejected && token != null && Tokens.CanRefresh && renewal.Repeats < TokenRenewal.MaxRepeats)
            {
                if (!Tokens.Invalidate(token))
                {
                    // Another call already replaced this token: repeat with the newer one; that is not this call's renewal.
                    renewal.Repeats++;
                    return null;
                }

                if (!renewal.Renewed)
                {
                    Log.Verbose("the anonymous token expired; getting a new one and repeating the call once");
                    renewal.Renewed = true;
                    renewal.Repeats++;
                    return null;
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                throw ApiErrors.FromStatus(status, reply?.Code, reply?.Message, Context(call.Target, call.SessionId), reply?.Payload ?? default);
            }

            if (reply is null)
            {
                throw ApiErrors.Unexpected($"{call.Path} did not answer JSON", Context(call.Target, call.SessionId), status);
            }

            if (code != 0)
            {
                throw ApiErrors.FromCode(code, status, reply.Value.Message, Context(call.Target, call.SessionId), reply.Value.Payload);
            }

            return reply.Value.Payload;
        }

        /// <summary>
        /// One call's token renewals: its own renewal happens once (the contract's rule); a rejection of a token that a
        /// parallel call had already replaced only repeats the call with the newer token, a few times at most.
        /// </summary>
        private sealed class TokenRenewal
        {
            public const int MaxRepeats = 4;

            public bool Renewed { get; set; }

            public int Repeats { get; set; }
        }

        private static ApiReply? TryParse(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var reply = ApiReply.Parse(document.RootElement);
                // Clone so the payload outlives the document.
                return new ApiReply(reply.Code, reply.Message, reply.Payload.Clone());
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Truncate(string body) =>
            body.Length <= LoggedBodyLimit ? body : body.Substring(0, LoggedBodyLimit) + "...";
    }
}
