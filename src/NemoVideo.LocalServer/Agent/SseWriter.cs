using System.Text;
using System.Text.Json;
using NemoVideo.LocalServer.Api;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Writes a server-sent event stream: <c>data: &lt;json&gt;\n\n</c> per event and <c>: …\n\n</c> comment heartbeats.
/// Writes may come from the turn and from the heartbeat timer at once; they never interleave.
/// </summary>
internal sealed class SseWriter(HttpResponse response)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken);
    }

    public Task WriteEventAsync(AdkEvent adkEvent, CancellationToken cancellationToken) =>
        WriteAsync("data: " + JsonSerializer.Serialize(adkEvent, ServerJson.Events) + "\n\n", cancellationToken);

    public Task WriteRawEventAsync(System.Text.Json.Nodes.JsonObject payload, CancellationToken cancellationToken) =>
        WriteAsync("data: " + payload.ToJsonString(ServerJson.Events) + "\n\n", cancellationToken);

    public Task WriteHeartbeatAsync(CancellationToken cancellationToken) => WriteAsync(": heartbeat\n\n", cancellationToken);

    private async Task WriteAsync(string frame, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
