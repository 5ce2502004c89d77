using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>
/// Kestrel's limits for a server that may be left running: small headers, and a request body limit of
/// <see cref="LocalServerOptions.MaxJsonBodyBytes"/> everywhere (only multipart uploads raise it, per request).
/// Kestrel answers a request over the header limits with a bare 431 or 400 before any of our code runs.
/// </summary>
internal static class RequestLimits
{
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 64;
    public const int MaxRequestLineBytes = 8 * 1024;

    public static void Apply(KestrelServerOptions kestrel, LocalServerOptions options)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.MaxJsonBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
        kestrel.Limits.MaxRequestHeaderCount = MaxHeaderCount;
        kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
    }
}
