using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>A second web server on a free loopback port, for tests that need something else to fetch from.</summary>
internal sealed class LoopbackWebApp(WebApplication app, Uri url) : IAsyncDisposable
{
    /// <summary>The base address, ending in a slash.</summary>
    public Uri Url { get; } = url;

    /// <param name="map">Adds the routes before the server starts.</param>
    public static async Task<LoopbackWebApp> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackWebApp(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
