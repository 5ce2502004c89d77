namespace NemoVideo.LocalServer.Faults;

/// <summary>The failures the server can inject so clients can be tested against a misbehaving service.</summary>
public enum FaultKind
{
    /// <summary>HTTP 429 with Retry-After on an API call.</summary>
    RateLimit,
    /// <summary>HTTP 503 on an API call.</summary>
    ServerError,
    /// <summary>The /run_sse connection is cut after the edit was applied, before the reply.</summary>
    DropStream,
    /// <summary>The /run_sse stream applies the edit but carries no text.</summary>
    EmptyReply,
    /// <summary>A render job ends as failed.</summary>
    FailRender,
    /// <summary>A render job waits <see cref="Hosting.LocalServerOptions.SlowRenderDelay"/> before it starts.</summary>
    SlowRender,
    /// <summary>The caller's token is expired on its next authenticated call (1001).</summary>
    ExpireToken,
    /// <summary>A download is cut half way through the body.</summary>
    DropDownload,
    /// <summary>An applied edit on /run_sse waits <see cref="Hosting.LocalServerOptions.SlowRenderDelay"/> (with heartbeats) before it is applied and charged.</summary>
    SlowAgent,
    /// <summary>A download pauses <see cref="Hosting.LocalServerOptions.SlowRenderDelay"/> half way through the body.</summary>
    SlowDownload,
}
