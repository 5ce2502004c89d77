using System;

namespace NemoVideo.Client
{
    /// <summary>One NemoVideo project. Holds no token, so it can be shown, stored and passed around freely.</summary>
    /// <param name="Endpoint">The API base the session lives on (hosted service or local server).</param>
    public sealed record NemoSession(Uri Endpoint, string SessionId, string? TaskId, string Language);
}
