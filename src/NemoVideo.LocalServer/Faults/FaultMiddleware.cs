using System.Globalization;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Faults;

/// <summary>Injects the service-wide faults (429, 5xx) in front of every API call.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults, LocalServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApiCall(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (faults.ShouldInject(FaultKind.RateLimit))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(options.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiResults.Error(ApiErrors.RateLimited()).ExecuteAsync(context);
            return;
        }

        if (faults.ShouldInject(FaultKind.ServerError))
        {
            await ApiResults.Error(ApiErrors.Unavailable()).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsApiCall(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/run_sse");
}
