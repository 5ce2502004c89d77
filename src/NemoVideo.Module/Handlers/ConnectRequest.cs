using System;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Connect-Nemo's parameters. Token is plain text only for the instant it takes to build the client.</summary>
    public sealed record ConnectRequest(Uri? Endpoint, string? Token, bool Local, string? SessionId, string Language);
}
