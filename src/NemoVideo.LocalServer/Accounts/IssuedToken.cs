namespace NemoVideo.LocalServer.Accounts;

/// <summary>An anonymous token and the client it was issued to. The value is a secret: never log it.</summary>
public sealed record IssuedToken(string Value, string ClientId, DateTimeOffset ExpiresAt);
