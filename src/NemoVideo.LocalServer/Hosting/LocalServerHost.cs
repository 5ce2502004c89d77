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
        Directory.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Url);
        ConfigureLogging(builder.Logging, options);
        ConfigureServices(builder.Services, options);

        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>();
        var authenticated = app.MapGroup(string.Empty).AddEndpointFilter<TokenFilter>();
        AccountEndpoints.Map(app, authenticated);
        UploadEndpoints.Map(authenticated);
        AgentEndpoints.Map(authenticated);
        StateEndpoints.Map(authenticated);
        RenderEndpoints.Map(authenticated);
        DownloadEndpoints.Map(app);
        StatsEndpoints.Map(app);

        await app.StartAsync(cancellationToken);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningLocalServer(app, new Uri(url));
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
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }

    private static void ConfigureServices(IServiceCollection services, LocalServerOptions options)
    {
        services.AddSingleton(options);
        var stats = new Diagnostics.ServerStats();
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

        services.AddHttpClient(UrlFetcher.ClientName);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
    }
}

/// <summary>A started server: its bound URL, and disposal that stops it cleanly.</summary>
public sealed class RunningLocalServer(WebApplication app, Uri url) : IAsyncDisposable
{
    public Uri Url { get; } = url;

    internal IServiceProvider Services => app.Services;

    /// <summary>Completes when the server stops (SIGTERM, Ctrl+C, the parent process ending, or disposal).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
