using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>
/// A raw loopback HTTP source that answers every request with a body that never ends and has no length, and counts the
/// bytes the kernel accepted from it (a web framework would count writes it silently drops after the peer closed).
/// </summary>
internal sealed class EndlessSource : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private long _sent;

    public EndlessSource()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/endless.mp4");

    public long BytesSent => Interlocked.Read(ref _sent);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var socket = client.Client;
            try
            {
                var request = new byte[8192];
                var seen = new StringBuilder();
                while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await socket.ReceiveAsync(request, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    seen.Append(Encoding.ASCII.GetString(request, 0, read));
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nConnection: close\r\n\r\n"), _stop.Token);
                var chunk = new byte[64 * 1024];
                while (true)
                {
                    var sent = await socket.SendAsync(chunk, _stop.Token);
                    Interlocked.Add(ref _sent, sent);
                }
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The fetcher hung up (the expected end) or the test is over.
            }
        }
    }
}
