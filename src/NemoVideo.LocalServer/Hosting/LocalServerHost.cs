using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Starts the server in-process on real Kestrel; used by Program and by tests.</summary>
public static class LocalServerHost
{
    public static async Task<RunningLocalServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken)
    {
        options.RunDirectory = DataFolder.PrepareRun(options.DataDirectory);
        State.StateFolder? state = null;
        Npgsql.NpgsqlDataSource? clusterDatabase = null;
        State.IStateStore store = State.InMemoryStateStore.Instance;
        try
        {
            if (options.Cluster is { } cluster)
            {
                (clusterDatabase, var clusterStore) = Cluster.ClusterHost.Open(cluster);
                store = clusterStore;
            }
            else
            {
                state = options.InMemory ? null : State.StateFolder.Open(options.DataDirectory);
                store = (State.IStateStore?)state?.Store ?? store;
            }
        }
        catch
        {
            DataFolder.RemoveRun(options.RunDirectory);
            throw;
        }

        options.StateDirectory = options.Cluster?.SharedDirectory ?? state?.Path ?? options.RunDirectory;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => RequestLimits.Apply(kestrel, options));
        ConfigureLogging(builder.Logging, options);
        ConfigureServices(builder.Services, options, store);
        if (options.Cluster is { } clusterOptions)
        {
            Cluster.ClusterHost.ConfigureServices(builder.Services, options, clusterOptions, clusterDatabase!);
        }

        var app = builder.Build();
        if (state is not null)
        {
            state.RemoveUnreferenced(Restore(app.Services, state.Store));
        }
        else if (options.Cluster is { ServesApi: true })
        {
            // Workers may be publishing into the shared folder right now: nothing there is removed at start.
            Restore(app.Services, store);
            app.Services.GetRequiredService<Cluster.ClusterDispatcher>().EnqueueForgotten();
        }

        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<ErrorEnvelopeMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        if (options.Cluster is not { ServesApi: false })
        {
            var authenticated = app.MapGroup(string.Empty).AddEndpointFilter<TokenFilter>();
            AccountEndpoints.Map(app, authenticated);
            UploadEndpoints.Map(authenticated);
            AgentEndpoints.Map(authenticated);
            StateEndpoints.Map(authenticated);
            RenderEndpoints.Map(authenticated);
            DownloadEndpoints.Map(app);
            StatsEndpoints.Map(app);
        }

        if (options.Cluster is not null)
        {
            Cluster.ClusterHost.Map(app);
        }

        RunCleanup.Register(app.Services, options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // Port taken, or told to stop while starting (its owner vanished): leave no run folder behind.
            await app.DisposeAsync();
            state?.Dispose();
            clusterDatabase?.Dispose();
            if (!options.KeepData)
            {
                DataFolder.RemoveRun(options.RunDirectory);
            }

            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var url = addresses[0];
        ExposureWarning.WarnIfReachable(options, addresses, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NemoVideo.LocalServer"));
        return new RunningLocalServer(app, new Uri(url), state, clusterDatabase);
    }

    /// <summary>Before the first request: the stores take back what the database kept, and cut-off renders run again.</summary>
    private static State.StoredState Restore(IServiceProvider services, State.IStateStore store)
    {
        var stored = store.Load();
        services.GetRequiredService<Diagnostics.ServerStats>().Restore(stored);
        services.GetRequiredService<TokenStore>().Restore(stored);
        services.GetRequiredService<CreditLedger>().Restore(stored);
        var sessions = services.GetRequiredService<SessionStore>();
        sessions.Restore(stored);
        services.GetRequiredService<RenderQueue>().Restore(stored, sessions);
        return stored;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LocalServerOptions options)
    {
        // stdout belongs to the "listening on" line the module reads; logs go to stderr. Request headers (and with
        // them tokens) are never logged: no HTTP logging middleware, and hosting/routing chatter is kept at Warning.
        logging.ClearProviders();
        logging.AddSimpleConsole(console => console.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
            console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(options.MinimumLogLevel);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A start that fails is reported by Program in one line (or is a stop during start-up): no stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Hangfire", LogLevel.Warning);
    }

    private static void ConfigureServices(IServiceCollection services, LocalServerOptions options, State.IStateStore store)
    {
        services.AddSingleton(options);
        services.AddSingleton(store);
        var stats = new Diagnostics.ServerStats(store);
        services.AddSingleton(stats);
        services.AddSingleton(new FaultInjector(options.Faults, options.FaultSeed, stats));
        services.AddSingleton<TokenStore>();
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<MediaInspector>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UrlFetcher>();
        services.AddSingleton<AgentTurn>();
        services.AddSingleton(new Lazy<CompressionEngine>(() => new CompressionEngine()));
        services.AddSingleton<RenderQueue>();
        services.AddSingleton<OutputJanitor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutputJanitor>());
        if (options.ParentProcessId is int parent)
        {
            services.AddHostedService(provider => new ParentProcessWatcher(parent,
                provider.GetRequiredService<IHostApplicationLifetime>()));
        }

        if (options.ExitOnStandardInputClose)
        {
            services.AddHostedService<StandardInputWatcher>();
        }

        services.AddHttpClient(UrlFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => GuardedConnections.CreateHandler(options))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
    }
}

/// <summary>A started server: its bound URL, and disposal that stops it cleanly.</summary>
public sealed class RunningLocalServer(WebApplication app, Uri url, State.StateFolder? state = null, IDisposable? clusterDatabase = null)
    : IAsyncDisposable
{
    public Uri Url { get; } = url;

    /// <summary>This run's folder under the data directory (removed when the server stops unless kept).</summary>
    public string RunDirectory => Services.GetRequiredService<LocalServerOptions>().RunDirectory;

    internal IServiceProvider Services => app.Services;

    /// <summary>Completes when the server stops (SIGTERM, Ctrl+C, the parent process ending, or disposal).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        var options = Services.GetRequiredService<LocalServerOptions>();
        await app.StopAsync();
        await app.DisposeAsync();
        state?.Dispose();
        clusterDatabase?.Dispose();
        if (!options.KeepData)
        {
            // Also when the server stopped before it ever ran (its owner vanished during start-up).
            DataFolder.RemoveRun(options.RunDirectory);
        }
    }
}
