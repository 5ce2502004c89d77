using System.Collections.Concurrent;
using System.Security.Cryptography;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>Issues and checks bearer tokens (<c>nmv_usr_…</c>) and claim tokens (<c>clm_…</c>).</summary>
/// <remarks>
/// Tokens are kept by their SHA-256 hash (<see cref="IssuedToken.Hash"/>), here and in the state store, so neither
/// memory dumps of the dictionary keys nor the database hold a usable token. After a restart the text of earlier
/// tokens is unknown: they still work, but a client asking again gets a new one.
/// </remarks>
public sealed class TokenStore(LocalServerOptions options, Diagnostics.ServerStats? stats = null, State.IStateStore? store = null)
{
    private readonly State.IStateStore _store = store ?? State.InMemoryStateStore.Instance;
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _currentByClient = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = options.TimeProvider;
    private readonly object _evictionGate = new();

    /// <summary>The published quota: one anonymous token per client id per 7 days.</summary>
    public static readonly TimeSpan AnonymousQuotaPeriod = TimeSpan.FromDays(7);

    private readonly Dictionary<string, DateTimeOffset> _issuedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// Like the hosted service, a client keeps one anonymous token until it expires. With
    /// <see cref="LocalServerOptions.StrictTokenQuota"/> a second request within 7 days is refused instead (null here,
    /// HTTP 429 to the caller), as the published error table says; <paramref name="retryAt"/> is when it may ask again.
    /// </summary>
    public IssuedToken? IssueAnonymous(string clientId, out DateTimeOffset retryAt)
    {
        var now = _clock.GetUtcNow();
        retryAt = now;
        if (options.StrictTokenQuota)
        {
            lock (_issuedAt)
            {
                if (_issuedAt.TryGetValue(clientId, out var last) && now - last < AnonymousQuotaPeriod)
                {
                    retryAt = last + AnonymousQuotaPeriod;
                    stats?.TokenRefused();
                    return null;
                }

                // The quota time and the token it was spent on land together: a kill between them must not use up a
                // client's 7 days without giving it a token.
                using var together = _store.WriteTogether();
                _issuedAt[clientId] = now;
                _store.SaveTokenIssue(clientId, now);
                return _currentByClient[clientId] = Register(clientId, now);
            }
        }

        return _currentByClient.AddOrUpdate(
            clientId,
            _ => Register(clientId, now),
            (_, existing) => existing.ExpiresAt > now && _tokens.ContainsKey(existing.Hash) ? existing : Register(clientId, now));
    }

    public IssuedToken? Find(string? value)
    {
        if (value is null || !_tokens.TryGetValue(IssuedToken.HashOf(value), out var token))
        {
            return null;
        }

        return token.ExpiresAt > _clock.GetUtcNow() ? token : null;
    }

    /// <summary>Live tokens kept (at most <see cref="LocalServerOptions.MaxTokens"/>, plus one eviction batch).</summary>
    public int Count => _tokens.Count;

    /// <summary>Forgets expired tokens and the clients they were issued to, and strict-quota issue times older than the quota period.</summary>
    public void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var token in _tokens.Values)
        {
            if (token.ExpiresAt <= now)
            {
                Forget(token);
            }
        }

        lock (_issuedAt)
        {
            foreach (var (clientId, issuedAt) in _issuedAt.Where(pair => now - pair.Value >= AnonymousQuotaPeriod).ToList())
            {
                _issuedAt.Remove(clientId);
                _store.DeleteTokenIssue(clientId);
            }
        }
    }

    /// <summary>Ends a token early (the expired-token fault).</summary>
    public void Revoke(IssuedToken token)
    {
        if (_tokens.TryRemove(token.Hash, out _))
        {
            _store.DeleteToken(token.Hash);
        }
    }

    /// <summary>Takes back what the state store kept: live tokens (by hash, without their text) and strict-quota issue times.</summary>
    internal void Restore(State.StoredState state)
    {
        var now = _clock.GetUtcNow();
        foreach (var stored in state.Tokens.Where(stored => stored.ExpiresAt > now))
        {
            _tokens[stored.Hash] = new IssuedToken(null, stored.ClientId, stored.ExpiresAt) { Hash = stored.Hash };
        }

        lock (_issuedAt)
        {
            foreach (var (clientId, issuedAt) in state.TokenIssues)
            {
                _issuedAt[clientId] = issuedAt;
            }
        }
    }

    public static string NewClaimToken() => "clm_" + RandomHex(24);

    private IssuedToken Register(string clientId, DateTimeOffset now)
    {
        var token = new IssuedToken("nmv_usr_" + RandomHex(24), clientId, now + options.TokenLifetime);
        using var together = _store.WriteTogether();
        stats?.TokenIssued();
        _tokens[token.Hash] = token;
        _store.SaveToken(new State.StoredToken(token.Hash, clientId, token.ExpiresAt));
        if (_tokens.Count > options.MaxTokens)
        {
            EvictOldest();
        }

        return token;
    }

    /// <summary>
    /// Beyond the cap, drops the tenth of the tokens that expire first (every token lives equally long, so these are
    /// the oldest): a flood of new client ids costs at most the cap, and a dropped client just asks for a new token.
    /// </summary>
    private void EvictOldest()
    {
        lock (_evictionGate)
        {
            var excess = _tokens.Count - options.MaxTokens;
            if (excess <= 0)
            {
                return;
            }

            foreach (var token in _tokens.Values.OrderBy(token => token.ExpiresAt).Take(excess + (options.MaxTokens / 10)))
            {
                Forget(token);
            }
        }
    }

    private void Forget(IssuedToken token)
    {
        if (_tokens.TryRemove(token.Hash, out _))
        {
            _store.DeleteToken(token.Hash);
        }

        _currentByClient.TryRemove(new KeyValuePair<string, IssuedToken>(token.ClientId, token));
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
