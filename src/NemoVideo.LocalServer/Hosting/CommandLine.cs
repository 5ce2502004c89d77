using System.Globalization;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Reads the server's command line into <see cref="LocalServerOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage =
        """
        Usage: NemoVideo.LocalServer [options]
          --urls URL                 where to listen (default http://127.0.0.1:0, a free loopback port)
          --data-dir DIR             private folder for uploads and outputs (default: the per-user state folder,
                                     e.g. ~/.local/state/nemovideo); refused if another user owns or can write it
          --in-memory                keep tokens, sessions, uploads and renders only for this run, in memory and the run
                                     folder (default: durable, in DIR/state/state.db and DIR/state/: a restarted server
                                     answers for the same tokens and sessions and runs again renders it was cut off in)
          --keep-data                keep this run's folder when the server stops (default: remove; with --in-memory
                                     that folder holds the run's uploads and renders)
          --session-retention SECONDS  remove a session's uploads and renders once idle this long (default 86400)
          --parent-pid PID           exit when that process ends
          --exit-on-stdin-close      exit when standard input closes (the module keeps a pipe open for the server's life)
          --max-json-bytes N         largest JSON (non-multipart) request body (default 1000000)
          --allow-private-urls       URL uploads may reach loopback, private and link-local addresses
          --allow-url-host HOST      URL uploads may reach HOST even at a non-public address (repeatable)
          --url-timeout SECONDS      total time one URL upload may take (default 600)
          --url-min-rate BYTES       minimum bytes/s of a URL upload, over the rate window (default 32768; 0 = off)
          --url-rate-window SECONDS  window the minimum rate is measured over (default 10)
          --token-secret-file FILE   require the secret in FILE as header X-Nemo-Server-Secret on the anonymous-token
                                     call (or set NEMO_SERVER_SECRET)
          --max-tokens N             live anonymous tokens kept; the oldest are dropped beyond it (default 10000)
          --token-lifetime SECONDS   anonymous token lifetime (default 7 days)
          --strict-token-quota       answer a second anonymous-token request per client id within 7 days with 429
          --max-upload-bytes N       per-file upload limit (default 500000000)
          --credits N                credits per client (default unlimited)
          --edit-cost N              credits one applied edit costs (default 50)
          --max-concurrent-renders N renders (ffmpeg runs) at once across all clients; later ones wait as pending
                                     (default: half the processor count, at least 1)
          --max-queued-renders N     render jobs one client may have pending or processing; more get HTTP 429 (default 20)
          --output-retention SECONDS how long render outputs are kept (default 3600)
          --heartbeat SECONDS        heartbeat interval on /run_sse (default 5)
          --slow-render SECONDS      delay of a slow-render, slow-agent or slow-download fault (default 5)
          --retry-after SECONDS      Retry-After of a rate-limit fault (default 1)
          --fault KIND:count=N|KIND:rate=R   inject faults (repeatable); kinds: rate-limit, server-error,
                                     drop-stream, empty-reply, fail-render, slow-render, expire-token, drop-download,
                                     slow-agent, slow-download
          --fault-seed N             seed for rate-based faults
          --cluster-db CONNECTION    cluster mode: keep the state in this PostgreSQL database (Npgsql connection string,
                                     e.g. "Host=db;Port=5432;Username=nemo;Database=nemo"; env:NAME reads it from the
                                     environment variable NAME, which keeps a password off the command line), and run
                                     renders as Hangfire jobs there
          --role all|api|worker      in cluster mode: serve the API, run renders, or both (default all)
          --shared-dir DIR           in cluster mode: the folder every node shares (uploads, staging, published renders)
          --worker-name NAME         in cluster mode: this worker's name on the status page (default HOST:PID)
          --job-timeout SECONDS      in cluster mode: a render taken by a worker that stopped (killed, machine gone) is
                                     given to another worker after this long without its heartbeat (default 300)
          --verbose                  log each request (method, path, status, ms, client id hash; never headers or tokens)
        """;

    /// <exception cref="FormatException">An option is unknown, lacks its value, or its value is invalid.</exception>
    public static LocalServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LocalServerOptions();
        if (Environment.GetEnvironmentVariable(Accounts.SharedSecret.EnvironmentVariable) is { Length: > 0 } secret)
        {
            options.AnonymousTokenSecret = secret;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--verbose")
            {
                options.MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Information;
                continue;
            }

            if (Switch(name, options))
            {
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"Option {name} needs a value.");
            switch (name)
            {
                case "--urls": options.Url = SingleUrl(value); break;
                case "--data-dir": options.DataDirectory = Path.GetFullPath(value); break;
                case "--parent-pid": options.ParentProcessId = (int)Number(name, value); break;
                case "--token-lifetime": options.TokenLifetime = Seconds(name, value); break;
                case "--max-upload-bytes": options.MaxUploadBytes = Number(name, value); break;
                case "--credits": options.StartingCredits = Number(name, value); break;
                case "--edit-cost": options.EditCost = Number(name, value); break;
                case "--output-retention": options.OutputRetention = Seconds(name, value); break;
                case "--heartbeat": options.HeartbeatInterval = Seconds(name, value); break;
                case "--slow-render": options.SlowRenderDelay = Seconds(name, value); break;
                case "--retry-after": options.RetryAfter = Seconds(name, value); break;
                case "--fault": options.Faults.Add(FaultRule.Parse(value)); break;
                case "--session-retention": options.SessionRetention = Seconds(name, value); break;
                case "--max-json-bytes": options.MaxJsonBodyBytes = Number(name, value); break;
                case "--allow-url-host": options.UrlHostAllowList.Add(value.Trim('[', ']')); break;
                case "--url-timeout": options.UrlFetchTimeout = Seconds(name, value); break;
                case "--url-min-rate": options.UrlMinBytesPerSecond = Number(name, value); break;
                case "--url-rate-window": options.UrlRateWindow = Seconds(name, value); break;
                case "--token-secret-file": options.AnonymousTokenSecret = Accounts.SharedSecret.ReadFile(value); break;
                case "--max-tokens": options.MaxTokens = (int)Math.Clamp(Number(name, value), 1, int.MaxValue); break;
                case "--max-concurrent-renders": options.MaxConcurrentRenders = (int)Math.Clamp(Number(name, value), 1, 1024); break;
                case "--max-queued-renders": options.MaxQueuedRendersPerClient = (int)Math.Clamp(Number(name, value), 1, int.MaxValue); break;
                case "--fault-seed": options.FaultSeed = (int)Number(name, value); break;
                case "--cluster-db": Cluster(options).ConnectionString = NemoVideo.LocalServer.Cluster.ClusterOptions.ReadConnectionString(value); break;
                case "--role": Cluster(options).Role = NemoVideo.LocalServer.Cluster.ClusterOptions.ParseRole(value); break;
                case "--shared-dir": Cluster(options).SharedDirectory = Path.GetFullPath(value); break;
                case "--worker-name": Cluster(options).WorkerName = value; break;
                case "--job-timeout": Cluster(options).JobTimeout = Seconds(name, value); break;
                default: throw new FormatException($"Unknown option '{name}'.");
            }
        }

        options.Cluster?.Validate(options);
        return options;
    }

    private static NemoVideo.LocalServer.Cluster.ClusterOptions Cluster(LocalServerOptions options) =>
        options.Cluster ??= new NemoVideo.LocalServer.Cluster.ClusterOptions();

    private static bool Switch(string name, LocalServerOptions options)
    {
        switch (name)
        {
            case "--keep-data": options.KeepData = true; return true;
            case "--in-memory": options.InMemory = true; return true;
            case "--allow-private-urls": options.AllowPrivateUrls = true; return true;
            case "--exit-on-stdin-close": options.ExitOnStandardInputClose = true; return true;
            case "--strict-token-quota": options.StrictTokenQuota = true; return true;
            default: return false;
        }
    }

    private static string SingleUrl(string value)
    {
        // Kestrel accepts a ';'-separated list, but the module learns one URL from the first line, so one is all we take.
        if (value.Contains(';') || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException($"--urls takes one http:// URL, e.g. http://127.0.0.1:0 (got '{value}').");
        }

        return value;
    }

    private static long Number(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Option {name} takes a whole number ≥ 0 (got '{value}').");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"Option {name} takes a number of seconds ≥ 0 (got '{value}').");
}
