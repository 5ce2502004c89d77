using System.Net.Http.Headers;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>The real server on a free loopback port with a private data directory, and a raw HttpClient for it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(RunningLocalServer server, LocalServerOptions options)
    {
        Server = server;
        Options = options;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public RunningLocalServer Server { get; }

    public LocalServerOptions Options { get; }

    public HttpClient Http { get; }

    public Uri Url => Server.Url;

    public static async Task<TestServer> StartAsync(Action<LocalServerOptions>? configure = null)
    {
        var options = new LocalServerOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "nemo-server-tests", Guid.NewGuid().ToString("N")),
        };
        configure?.Invoke(options);
        var server = await LocalServerHost.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestServer(server, options);
    }

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
