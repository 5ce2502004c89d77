using System.Net;
using System.Net.Sockets;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>The URL names (or a DNS answer for it gives) an address the server will not connect to.</summary>
public sealed class RefusedAddressException(string host) : Exception($"'{host}' leads to a non-public address.")
{
    public string Host { get; } = host;
}

/// <summary>
/// The handler URL uploads use: no proxy, no automatic redirects (the fetcher follows them itself, each hop checked),
/// and a connect step that resolves the host itself and connects only to an address <see cref="AddressPolicy"/>
/// allows — the address actually connected is the one checked, so a DNS answer that changes between a check and the
/// connection (rebinding) gains nothing.
/// </summary>
public static class GuardedConnections
{
    public static SocketsHttpHandler CreateHandler(LocalServerOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options, cancellationToken),
    };

    public static bool MayReach(string host, IPAddress address, LocalServerOptions options) =>
        options.AllowPrivateUrls || options.UrlHostAllowList.Contains(host) || AddressPolicy.IsPublic(address);

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, LocalServerOptions options, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // Every answer must pass: a name that resolves to both a public and a private address is refused outright.
        if (addresses.Length == 0 || addresses.Any(address => !MayReach(host, address, options)))
        {
            throw new RefusedAddressException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            if (socket.RemoteEndPoint is not IPEndPoint connected || !MayReach(host, connected.Address, options))
            {
                throw new RefusedAddressException(host);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
