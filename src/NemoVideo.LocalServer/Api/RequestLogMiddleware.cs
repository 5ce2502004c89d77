using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace NemoVideo.LocalServer.Api;

/// <summary>
/// One log line per request at Information (<c>--verbose</c>): method, path (download keys masked, no query), status,
/// milliseconds and a short hash of the client id. Headers — and with them tokens and secrets — are never logged.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            logger.LogInformation("{Method} {Path} {Status} {ElapsedMs:0.0} ms client {ClientHash}", context.Request.Method,
                SafePath(context.Request.Path), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                ClientHash(context));
        }
    }

    /// <summary>The path with the secret key of a public file link replaced by <c>***</c>.</summary>
    public static string SafePath(PathString path)
    {
        var value = path.Value ?? string.Empty;
        foreach (var prefix in new[] { "/files/", "/media/" })
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = value[prefix.Length..];
                var slash = rest.IndexOf('/');
                return prefix + "***" + (slash < 0 ? string.Empty : rest[slash..]);
            }
        }

        return value;
    }

    /// <summary>The first 12 hex digits of SHA-256 of the client id (the caller's, or the token call's header); "-" when none.</summary>
    public static string ClientHash(HttpContext context)
    {
        var clientId = TokenFilter.TryCallerOf(context)?.ClientId ?? context.Request.Headers["X-Client-Id"].ToString();
        return clientId.Length == 0
            ? "-"
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)))[..12];
    }
}
