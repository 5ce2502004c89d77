using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// The bearer token: the user's as given, or an anonymous one fetched with the client id. An anonymous token may be
    /// replaced once when the service says it expired; a user's token never is, since only the user can make a new one.
    /// </summary>
    internal sealed class TokenProvider
    {
        private const string AnonymousTokenPath = "api/auth/anonymous-token";

        private readonly string? userToken;
        private readonly string? configuredClientId;
        private readonly ClientIdStore store;
        private readonly ClientLog log;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private string? anonymousToken;
        private string? clientId;

        public TokenProvider(NemoClientOptions options, ClientIdStore store, ClientLog log)
        {
            userToken = options.Token;
            configuredClientId = options.ClientId;
            this.store = store;
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
                return anonymousToken ??= await FetchAnonymousAsync(transport, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Forgets <paramref name="staleToken"/> so the next <see cref="GetAsync"/> fetches a new one.</summary>
        public void Invalidate(string staleToken)
        {
            if (CanRefresh)
            {
                Interlocked.CompareExchange(ref anonymousToken, null, staleToken);
            }
        }

        private async Task<string> FetchAnonymousAsync(ApiTransport transport, CancellationToken cancellationToken)
        {
            clientId ??= configuredClientId ?? store.GetOrCreate();
            for (var attempt = 0; ; attempt++)
            {
                var id = clientId;
                var call = new ApiCall(
                    HttpMethod.Post,
                    AnonymousTokenPath,
                    Idempotent: false,
                    Target: "anonymous token",
                    Authorized: false,
                    Configure: request => request.Headers.Add("X-Client-Id", id));
                try
                {
                    var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
                    var token = JsonFields.String(payload, "token", "access_token");
                    if (string.IsNullOrEmpty(token))
                    {
                        throw Failure.Of(
                            NemoErrorIds.AuthAnonymousTokenFailed,
                            NemoErrorCategory.AuthenticationError,
                            "The service did not hand out an anonymous token.",
                            "Set NEMO_TOKEN to a token from the NemoVideo web settings, or try again later.",
                            AnonymousTokenPath);
                    }

                    log.Verbose("got an anonymous token");
                    return token!;
                }
                catch (NemoException error) when (error.HttpStatus == 400 && attempt == 0)
                {
                    // HTTP 400 here means the service did not accept the client id: the contract says make a new one, once.
                    clientId = store.Replace();
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
            }
        }
    }
}
