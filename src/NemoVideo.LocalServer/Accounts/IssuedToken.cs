using System.Security.Cryptography;
using System.Text;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>An anonymous token and the client it was issued to.</summary>
/// <param name="Value">The token text, a secret: never log it. Known only in the run that issued it (null for a token
/// taken back from the state store, which keeps only its hash).</param>
public sealed record IssuedToken(string? Value, string ClientId, DateTimeOffset ExpiresAt)
{
    /// <summary>SHA-256 of the text, lower-case hex: what the stores key the token by.</summary>
    public string Hash { get; init; } = Value is null ? string.Empty : HashOf(Value);

    public static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
