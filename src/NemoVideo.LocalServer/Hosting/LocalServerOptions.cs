using Microsoft.Extensions.Logging;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Everything the local server can be told; the defaults behave like the hosted service.</summary>
public sealed class LocalServerOptions
{
    /// <summary>Where Kestrel listens. Loopback by default; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>
    /// The private folder this server's data lives under (each run works in its own <c>run-*</c> subfolder of it).
    /// Defaults to the per-user state folder (<see cref="DataFolder.Default"/>); refused when another user owns it
    /// or can write to it.
    /// </summary>
    public string DataDirectory { get; set; } = DataFolder.Default();

    /// <summary>This run's owner-only folder inside <see cref="DataDirectory"/>, made when the server starts.</summary>
    public string RunDirectory { get; internal set; } = string.Empty;

    /// <summary>
    /// Keep the state only in memory, as one run's: uploads and renders go in the run folder and everything ends with the
    /// process (--in-memory). By default the state is durable: tokens, sessions, media, drafts and render jobs are kept
    /// in an SQLite database in the <see cref="StateDirectory"/>, and a restarted server answers for them.
    /// </summary>
    public bool InMemory { get; set; }

    /// <summary>
    /// Where uploads, published renders and the state database live: <c>state</c> in the data folder when durable,
    /// the run folder with <see cref="InMemory"/>. Set when the server starts.
    /// </summary>
    public string StateDirectory { get; internal set; } = string.Empty;

    /// <summary>Keep this run's folder (and, with <see cref="InMemory"/>, its uploads and renders) when the server stops (default: remove it).</summary>
    public bool KeepData { get; set; }

    /// <summary>A session's uploads and renders are removed once it has not been used for this long.</summary>
    public TimeSpan SessionRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest JSON (or other non-multipart) request body, in bytes; 413 above it.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1_000_000;

    /// <summary>URL uploads may reach loopback, private, link-local and other non-public addresses (off by default).</summary>
    public bool AllowPrivateUrls { get; set; }

    /// <summary>Host names URL uploads may fetch from even when they resolve to non-public addresses.</summary>
    public ISet<string> UrlHostAllowList { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A URL upload (all its redirects and its body) must finish within this long.</summary>
    public TimeSpan UrlFetchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A URL upload slower than this many bytes per second (measured over <see cref="UrlRateWindow"/>) is ended.</summary>
    public long UrlMinBytesPerSecond { get; set; } = 32_768;

    /// <summary>The span the minimum URL transfer rate is measured over (also the grace period at the start).</summary>
    public TimeSpan UrlRateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects one URL upload may follow (each hop is checked like the first).</summary>
    public int UrlMaxRedirects { get; set; } = 5;

    /// <summary>
    /// When set, <c>POST /api/auth/anonymous-token</c> also needs header <c>X-Nemo-Server-Secret</c> with this value
    /// (from <c>--token-secret-file</c> or <c>NEMO_SERVER_SECRET</c>; never from the command line, which others can read).
    /// </summary>
    public string? AnonymousTokenSecret { get; set; }

    /// <summary>Most live anonymous tokens kept at once; the oldest-issued are dropped beyond it.</summary>
    public int MaxTokens { get; set; } = 10_000;

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

    /// <summary>
    /// Renders (ffmpeg processes) running at once across all clients; later jobs wait as pending, first submitted
    /// first run. Default: half the processor count, at least 1 (one x264 encode already uses several cores, and each
    /// can take hundreds of MB).
    /// </summary>
    public int MaxConcurrentRenders { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Render jobs one client may have pending or processing at once; a further submission gets HTTP 429.</summary>
    public int MaxQueuedRendersPerClient { get; set; } = 20;

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

    /// <summary>The server stops when its standard input reaches end of file (the module holds the other end).</summary>
    public bool ExitOnStandardInputClose { get; set; }

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Cluster mode (--cluster-db): state in PostgreSQL, renders on Hangfire workers; null on one machine.</summary>
    public Cluster.ClusterOptions? Cluster { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
