using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>Tokens, sessions, claim links and credits.</summary>
internal static class AccountEndpoints
{
    private static readonly string[] AnonymousScopes = ["read", "write", "upload"];

    public static void Map(WebApplication app, RouteGroupBuilder authenticated)
    {
        app.MapPost("/api/auth/anonymous-token", IssueAnonymousToken);
        authenticated.MapPost("/api/tasks/me/with-session/nemo_agent", CreateSessionAsync);
        authenticated.MapPost("/api/auth/claim-token", CreateClaimTokenAsync);
        authenticated.MapGet("/api/credits/balance/simple", (HttpContext context, CreditLedger ledger) =>
            ApiResults.Ok(ledger.BalanceOf(TokenFilter.CallerOf(context).ClientId)));
    }

    private static IResult IssueAnonymousToken(HttpRequest request, TokenStore tokens, CreditLedger ledger, LocalServerOptions options)
    {
        if (options.AnonymousTokenSecret is string secret && !SharedSecret.Matches(secret, request.Headers[SharedSecret.HeaderName].ToString()))
        {
            return ApiResults.Error(ApiErrors.SecretRequired());
        }

        var clientId = request.Headers["X-Client-Id"].ToString().Trim();
        if (clientId.Length == 0)
        {
            return ApiResults.Error(ApiErrors.MissingClientId());
        }

        if (!ClientIds.IsValid(clientId))
        {
            return ApiResults.Error(ApiErrors.InvalidClientId());
        }

        var token = tokens.IssueAnonymous(clientId, out var retryAt);
        if (token is null)
        {
            var wait = (long)Math.Ceiling((retryAt - options.TimeProvider.GetUtcNow()).TotalSeconds);
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Error(ApiErrors.TokenQuota(retryAt));
        }

        var expiresIn = (long)Math.Max(0, (token.ExpiresAt - options.TimeProvider.GetUtcNow()).TotalSeconds);
        return ApiResults.Ok(new
        {
            token = token.Value,
            credits = ledger.BalanceOf(clientId).Available,
            expires_in = expiresIn,
            expires_at = token.ExpiresAt,
            scopes = AnonymousScopes,
        });
    }

    private static async Task<IResult> CreateSessionAsync(HttpContext context, SessionStore sessions, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<SessionRequest>(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var session = sessions.Create(TokenFilter.CallerOf(context).ClientId, string.IsNullOrWhiteSpace(body!.Language) ? "en" : body.Language);
        return ApiResults.Ok(new
        {
            task_id = session.TaskId,
            session_id = session.Id,
            task_name = body.TaskName ?? "project",
            language = session.Language,
        });
    }

    private static async Task<IResult> CreateClaimTokenAsync(HttpContext context, SessionStore sessions, LocalServerOptions options,
        CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<ClaimRequest>(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var session = sessions.Find(body!.SessionId ?? string.Empty, TokenFilter.CallerOf(context).ClientId);
        if (session is null || (body.TaskId is not null && body.TaskId != session.TaskId))
        {
            return ApiResults.Error(ApiErrors.SessionNotFound(body.SessionId ?? string.Empty));
        }

        return ApiResults.Ok(new
        {
            claim_token = TokenStore.NewClaimToken(),
            expires_in = (long)options.ClaimTokenLifetime.TotalSeconds,
        });
    }

    private sealed record SessionRequest(string? TaskName, string? Language);

    private sealed record ClaimRequest(string? TaskId, string? SessionId);
}
