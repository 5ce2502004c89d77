using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>
/// A loopback web server that behaves the way a hostile URL source does: <c>/endless.mp4</c> streams without end and
/// without a length, <c>/slow.mp4</c> sends one byte a second, <c>/to/NAME?url=…</c> redirects anywhere. It counts what it sent.
/// </summary>
internal sealed class HostileSource(LoopbackWebApp server) : IAsyncDisposable
{
    private static long _endlessBytesSent;

    public Uri Url => server.Url;

    public long EndlessBytesSent => Interlocked.Read(ref _endlessBytesSent);

    public static async Task<HostileSource> StartAsync()
    {
        Interlocked.Exchange(ref _endlessBytesSent, 0);
        return new HostileSource(await LoopbackWebApp.StartAsync(Map));
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static void Map(WebApplication app)
    {
        app.MapGet("/endless.mp4", async (HttpContext context) =>
        {
            var chunk = new byte[64 * 1024];
            while (!context.RequestAborted.IsCancellationRequested)
            {
                try
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
                catch (Exception error) when (error is OperationCanceledException or IOException)
                {
                    return;
                }

                Interlocked.Add(ref _endlessBytesSent, chunk.Length);
            }
        });
        app.MapGet("/slow.mp4", async (HttpContext context) =>
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                try
                {
                    await context.Response.Body.WriteAsync(new byte[] { 0 }, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(1000, context.RequestAborted);
                }
                catch (Exception error) when (error is OperationCanceledException or IOException)
                {
                    return;
                }
            }
        });
        app.MapGet("/to/{name}", (string url) => Results.Redirect(url));
    }
}
