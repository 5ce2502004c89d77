using System.Net.Http.Headers;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>The real server on a free loopback port with a private data directory, and a raw HttpClient for it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(RunningLocalServer server, LocalServerOptions options, bool ownsDataDirectory)
    {
        _ownsDataDirectory = ownsDataDirectory;
        Server = server;
        Options = options;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    private readonly bool _ownsDataDirectory;

    public RunningLocalServer Server { get; }

    public LocalServerOptions Options { get; }

    public HttpClient Http { get; }

    public Uri Url => Server.Url;

    /// <param name="dataDirectory">A data folder the caller owns (kept when the server stops, so another server can
    /// start on it); default: a new one, removed when the server stops.</param>
    public static async Task<TestServer> StartAsync(Action<LocalServerOptions>? configure = null, string? dataDirectory = null)
    {
        var options = new LocalServerOptions
        {
            DataDirectory = dataDirectory ?? NewDataDirectory(),
        };
        configure?.Invoke(options);
        var server = await LocalServerHost.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestServer(server, options, ownsDataDirectory: dataDirectory is null);
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "nemo-server-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A raw request carrying the token and the attribution headers, as a contract-following client sends them.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Add("X-Skill-Source", "nemovideo-powershell-tests");
        request.Headers.Add("X-Skill-Version", "0.1.0");
        request.Headers.Add("X-Skill-Platform", "tests");
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
