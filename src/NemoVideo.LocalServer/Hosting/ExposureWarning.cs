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

    public static void WarnIfReachable(LocalServerOptions options, ILogger logger)
    {
        if (IsLoopbackOnly(options.Url))
        {
            return;
        }

        logger.LogWarning(
            "Listening on {Url}, beyond loopback: anyone who can reach this address can mint tokens and use this server{SecretNote}.",
            options.Url,
            options.AnonymousTokenSecret is null
                ? "; require a shared secret with --token-secret-file FILE or NEMO_SERVER_SECRET (clients send it as X-Nemo-Server-Secret)"
                : " unless they hold the shared secret (X-Nemo-Server-Secret)");
    }
}
