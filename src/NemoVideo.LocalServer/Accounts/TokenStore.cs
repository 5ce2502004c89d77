using System.Collections.Concurrent;
using System.Security.Cryptography;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>Issues and checks bearer tokens (<c>nmv_usr_…</c>) and claim tokens (<c>clm_…</c>).</summary>
public sealed class TokenStore(LocalServerOptions options, Diagnostics.ServerStats? stats = null)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _currentByClient = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = options.TimeProvider;

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

                _issuedAt[clientId] = now;
                return _currentByClient[clientId] = Register(clientId, now);
            }
        }

        return _currentByClient.AddOrUpdate(
            clientId,
            _ => Register(clientId, now),
            (_, existing) => existing.ExpiresAt > now && _tokens.ContainsKey(existing.Value) ? existing : Register(clientId, now));
    }

    public IssuedToken? Find(string? value)
    {
        if (value is null || !_tokens.TryGetValue(value, out var token))
        {
            return null;
        }

        return token.ExpiresAt > _clock.GetUtcNow() ? token : null;
    }

    /// <summary>Ends a token early (the expired-token fault).</summary>
    public void Revoke(IssuedToken token) => _tokens.TryRemove(token.Value, out _);

    public static string NewClaimToken() => "clm_" + RandomHex(24);

    private IssuedToken Register(string clientId, DateTimeOffset now)
    {
        var token = new IssuedToken("nmv_usr_" + RandomHex(24), clientId, now + options.TokenLifetime);
        stats?.TokenIssued();
        _tokens[token.Value] = token;
        return token;
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
