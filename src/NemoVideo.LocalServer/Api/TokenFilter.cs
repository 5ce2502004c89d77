using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Api;

/// <summary>Admits only bearer tokens this server issued and has not expired (1001 otherwise).</summary>
internal sealed class TokenFilter(TokenStore tokens, FaultInjector faults) : IEndpointFilter
{
    private const string CallerKey = "NemoVideo.Caller";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = tokens.Find(BearerValue(context.HttpContext.Request));
        if (token is null)
        {
            return ApiResults.Error(ApiErrors.InvalidToken());
        }

        if (faults.ShouldInject(FaultKind.ExpireToken))
        {
            tokens.Revoke(token);
            return ApiResults.Error(ApiErrors.InvalidToken());
        }

        context.HttpContext.Items[CallerKey] = token;
        return await next(context);
    }

    /// <summary>The token the filter admitted for this request.</summary>
    public static IssuedToken CallerOf(HttpContext context) => (IssuedToken)context.Items[CallerKey]!;

    /// <summary>The admitted token, or null when the request did not pass the filter.</summary>
    public static IssuedToken? TryCallerOf(HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var token) ? token as IssuedToken : null;

    private static string? BearerValue(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
