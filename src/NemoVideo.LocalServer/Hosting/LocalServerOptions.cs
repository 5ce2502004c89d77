using Microsoft.Extensions.Logging;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Everything the local server can be told; the defaults behave like the hosted service.</summary>
public sealed class LocalServerOptions
{
    /// <summary>Where Kestrel listens. Loopback by default; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Uploads, render outputs and scratch files live here.</summary>
    public string DataDirectory { get; set; } =
        Path.Combine(Path.GetTempPath(), "nemovideo-local");

    /// <summary>Anonymous tokens expire after this long (1001 afterwards).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Follow the published table to the letter: a second anonymous-token request for a client id within 7 days is
    /// answered 429 (the default hands the same token back, which is kinder to tests but hides a client that keeps asking).
    /// </summary>
    public bool StrictTokenQuota { get; set; }

    public TimeSpan ClaimTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest accepted upload, per file (4002 above it).</summary>
    public long MaxUploadBytes { get; set; } = 500_000_000;

    /// <summary>Credits each client starts with; null means unlimited (nothing is ever charged).</summary>
    public long? StartingCredits { get; set; }

    /// <summary>What one applied edit on /run_sse costs when credits are limited. Export is free.</summary>
    public long EditCost { get; set; } = 50;

    /// <summary>Render outputs are deleted this long after they complete.</summary>
    public TimeSpan OutputRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a heartbeat comment goes out on /run_sse while work runs.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The delay a <see cref="FaultKind.SlowRender"/> fault adds before a render starts.</summary>
    public TimeSpan SlowRenderDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Retry-After a <see cref="FaultKind.RateLimit"/> fault announces.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public IList<FaultRule> Faults { get; } = new List<FaultRule>();

    /// <summary>Seeds the rate-based faults so a run can be repeated.</summary>
    public int? FaultSeed { get; set; }

    /// <summary>The server stops when this process ends (the module starts the server as its child).</summary>
    public int? ParentProcessId { get; set; }

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
