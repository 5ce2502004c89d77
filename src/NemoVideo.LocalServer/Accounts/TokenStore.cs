using System.Collections.Concurrent;
using System.Security.Cryptography;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>Issues and checks bearer tokens (<c>nmv_usr_…</c>) and claim tokens (<c>clm_…</c>).</summary>
public sealed class TokenStore(LocalServerOptions options)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _currentByClient = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = options.TimeProvider;

    /// <summary>Like the hosted service, a client keeps one anonymous token until it expires.</summary>
    public IssuedToken IssueAnonymous(string clientId)
    {
        var now = _clock.GetUtcNow();
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
        _tokens[token.Value] = token;
        return token;
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
