using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// The bearer token: the user's as given, or an anonymous one. An anonymous token is reused from the user's token
    /// store (<see cref="TokenCache"/>) until it expires or the service answers 1001, and fetched under a cross-process
    /// lock otherwise, so any number of processes ask at most once per client id and token lifetime. A user's token is
    /// never replaced, since only the user can make a new one.
    /// </summary>
    internal sealed class TokenProvider
    {
        public const string AnonymousTokenPath = "api/auth/anonymous-token";

        /// <summary>The published quota: one anonymous token per client id per 7 days; also the lifetime when none is given.</summary>
        public static readonly TimeSpan AnonymousQuotaPeriod = TimeSpan.FromDays(7);

        // A token this close to its expiry is not reused: it could expire between the check and the call.
        private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

        private readonly string? userToken;
        private readonly string? configuredClientId;
        private readonly ClientIdStore store;
        private readonly TokenCache? cache;
        private readonly Uri api;
        private readonly TimeProvider time;
        private readonly ClientLog log;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private string? anonymousToken;
        private string? staleToken;
        private string? clientId;

        // The quota refusal, once answered: no later call in this process asks again (the answer cannot change for days).
        private NemoException? refused;

        public TokenProvider(NemoClientOptions options, ClientIdStore store, ClientLog log)
        {
            userToken = options.Token;
            configuredClientId = options.ClientId;
            this.store = store;
            cache = options.PersistAnonymousToken ? new TokenCache(options.ConfigDirectory, log) : null;
            api = options.ApiBaseUrl;
            time = options.TimeProvider;
            this.log = log;
        }

        public bool IsUserSupplied => userToken != null;

        public bool CanRefresh => userToken == null;

        /// <summary>The client id in use, once one was needed. It is not a secret (the bind link carries it).</summary>
        public string? ClientId => clientId;

        /// <summary>For redaction: whatever token is in use now.</summary>
        public string? Current => userToken ?? anonymousToken;

        public async Task<string> GetAsync(ApiTransport transport, CancellationToken cancellationToken)
        {
            if (userToken != null)
            {
                return userToken;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (anonymousToken is null && refused != null)
                {
                    throw refused;
                }

                return anonymousToken ??= await StoredOrFetchedAsync(transport, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Forgets <paramref name="rejectedToken"/> (the service answered 1001) so the next <see cref="GetAsync"/> gets a new one.</summary>
        /// <returns>False when another call had already replaced it: the current token is newer than the rejected one.</returns>
        public bool Invalidate(string rejectedToken)
        {
            if (CanRefresh && Interlocked.CompareExchange(ref anonymousToken, null, rejectedToken) == rejectedToken)
            {
                staleToken = rejectedToken;
                return true;
            }

            return false;
        }

        private async Task<string> StoredOrFetchedAsync(ApiTransport transport, CancellationToken cancellationToken)
        {
            if (cache is null)
            {
                clientId ??= configuredClientId ?? store.GetOrCreate();
                return (await FetchAnonymousAsync(transport, null, cancellationToken).ConfigureAwait(false)).Token;
            }

            using (cache.Lock(cancellationToken))
            {
                // Inside the lock, so two first-ever processes starting at once agree on one new client id.
                clientId ??= configuredClientId ?? store.GetOrCreate();
                var stored = cache.Find(api, clientId);
                var now = time.GetUtcNow();
                if (stored != null && stored.Token.Length > 0 && stored.Token != staleToken && stored.ExpiresAt - ExpiryMargin > now)
                {
                    log.Verbose($"using the stored anonymous token for client id {clientId} (expires {stored.ExpiresAt:u})");
                    return stored.Token;
                }

                if (stored != null && stored.Token.Length > 0 && stored.Token == staleToken)
                {
                    // The token goes, the date of its request stays: a refused new one can then say until when to wait.
                    cache.Revoke(api, clientId, stored.Token);
                }

                var fetched = await FetchAnonymousAsync(transport, stored?.RequestedAt, cancellationToken).ConfigureAwait(false);
                try
                {
                    cache.Save(fetched, now);
                    log.Verbose($"stored the anonymous token in {cache.FilePath} for later sessions");
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    // The token still works in this process; only later processes lose it.
                    log.Verbose($"could not store the anonymous token in {cache.FilePath}: {error.Message}");
                }

                return fetched.Token;
            }
        }

        private async Task<StoredToken> FetchAnonymousAsync(ApiTransport transport, DateTimeOffset? lastRequested, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var id = clientId!;
                TimeSpan? retryAfter = null;
                var call = new ApiCall(
                    HttpMethod.Post,
                    AnonymousTokenPath,
                    Idempotent: false,
                    Target: AnonymousTokenPath,
                    Authorized: false,
                    Configure: request =>
                    {
                        request.Headers.Add("X-Client-Id", id);
                        RetryPolicies.MarkQuotaCall(request);
                    },
                    RetryRefusals: true);
                try
                {
                    var requestedAt = time.GetUtcNow();
                    var payload = await transport.SendJsonAsync(
                        call,
                        cancellationToken,
                        response => retryAfter = response.Headers.RetryAfter is null ? (TimeSpan?)null : RetryPolicies.RateLimitWait(response, time.GetUtcNow()))
                        .ConfigureAwait(false);
                    var token = JsonFields.String(payload, "token", "access_token");
                    if (string.IsNullOrEmpty(token))
                    {
                        throw Failure.Of(
                            NemoErrorIds.AuthAnonymousTokenFailed,
                            NemoErrorCategory.AuthenticationError,
                            "The service did not hand out an anonymous token.",
                            "Set NEMO_TOKEN to a token from the NemoVideo web settings.",
                            AnonymousTokenPath);
                    }

                    log.Verbose($"got an anonymous token for client id {id}");
                    return new StoredToken(api.AbsoluteUri, id, token!, ExpiryOf(payload, requestedAt), requestedAt);
                }
                catch (NemoException error) when (error.HttpStatus == 400 && attempt == 0)
                {
                    // HTTP 400 here means the service did not accept the client id: the contract says make a new one, once.
                    clientId = store.Replace();
                    lastRequested = null;
                    log.Verbose("the service rejected the client id; created a new one and retrying once");
                }
                catch (NemoException error) when (error.HttpStatus == 400)
                {
                    throw Failure.Of(
                        NemoErrorIds.AuthClientIdRejected,
                        NemoErrorCategory.AuthenticationError,
                        "The service rejected a freshly made client id too.",
                        "Set NEMO_TOKEN to a token from the NemoVideo web settings.",
                        AnonymousTokenPath,
                        httpStatus: 400,
                        inner: error);
                }
                catch (NemoException error) when (error.HttpStatus == 429 && RetryPolicies.IsShortQuotaCallWait(retryAfter))
                {
                    // A wait of seconds is the service's rate limit, already waited out once, not the 7-day quota: this
                    // call fails as rate limited, and the next one may ask again.
                    throw;
                }
                catch (NemoException error) when (error.HttpStatus == 429)
                {
                    throw refused = QuotaExceeded(id, lastRequested, retryAfter, error);
                }
            }
        }

        /// <summary><c>expires_at</c> (a date or unix seconds) or <c>expires_in</c> seconds; else the published 7 days.</summary>
        private static DateTimeOffset ExpiryOf(JsonElement payload, DateTimeOffset requestedAt)
        {
            var at = JsonFields.String(payload, "expires_at", "expiresAt", "expire_at");
            if (at != null)
            {
                if (long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
                {
                    return unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
                }

                if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return date;
                }
            }

            var seconds = JsonFields.Number(payload, "expires_in", "expiresIn");
            return seconds is double value && value > 0 ? requestedAt.AddSeconds(value) : requestedAt + AnonymousQuotaPeriod;
        }

        /// <param name="retryAfter">The service's Retry-After, which wins over the date worked out from the last request.</param>
        private NemoException QuotaExceeded(string id, DateTimeOffset? lastRequested, TimeSpan? retryAfter, NemoException error)
        {
            DateTimeOffset? until = retryAfter is TimeSpan wait ? time.GetUtcNow() + wait
                : lastRequested is DateTimeOffset last ? last + AnonymousQuotaPeriod
                : (DateTimeOffset?)null;
            var when = until is DateTimeOffset date
                ? $"until {date.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
                : "up to 7 days after the last request for it";
            return Failure.Of(
                NemoErrorIds.AuthAnonymousTokenQuota,
                NemoErrorCategory.QuotaExceeded,
                lastRequested is null
                    ? $"The service refused an anonymous token (HTTP 429): it gives one anonymous token per client id per 7 days and about 10 per network address; client id {id} has not asked from this computer before, so the limit reached is probably this network address's (an office or a VPN shares one)."
                    : $"The service refused an anonymous token (HTTP 429): it gives one anonymous token per client id per 7 days, and client id {id} has already had one in that time.",
                $"Wait {when}, or set NEMO_TOKEN to a token from the NemoVideo web settings.",
                AnonymousTokenPath,
                httpStatus: 429,
                // The rate-limit error's own words ("retried after the wait") do not hold here: a quota refusal is not repeated.
                inner: new NemoException(
                    NemoErrorIds.ApiRateLimited,
                    NemoErrorCategory.QuotaExceeded,
                    $"{AnonymousTokenPath} answered HTTP 429 (code {error.ApiCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}); the request was not repeated.",
                    target: AnonymousTokenPath,
                    apiCode: error.ApiCode,
                    httpStatus: 429));
        }
    }
}
