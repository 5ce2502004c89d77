using System.Net;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>Warns when the server listens beyond loopback, where anyone who can reach it can mint tokens.</summary>
internal static class ExposureWarning
{
    public static bool IsLoopbackOnly(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <param name="boundAddresses">The addresses Kestrel actually listens on (port 0 resolved to the real port).</param>
    public static void WarnIfReachable(LocalServerOptions options, IReadOnlyCollection<string> boundAddresses, ILogger logger)
    {
        if (IsLoopbackOnly(options.Url) && boundAddresses.All(IsLoopbackOnly))
        {
            return;
        }

        logger.LogWarning(
            "Listening on {Url}, beyond loopback: anyone who can reach this address can mint tokens and use this server{SecretNote}.",
            boundAddresses.Count > 0 ? string.Join(", ", boundAddresses) : options.Url,
            options.AnonymousTokenSecret is null
                ? "; require a shared secret with --token-secret-file FILE or NEMO_SERVER_SECRET (clients send it as X-Nemo-Server-Secret)"
                : " unless they hold the shared secret (X-Nemo-Server-Secret)");
    }
}
