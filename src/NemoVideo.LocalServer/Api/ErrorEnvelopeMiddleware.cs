using Microsoft.AspNetCore.Http.Features;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Api;

/// <summary>
/// Turns what bad input throws (a body over its limit, a malformed multipart body) into the API envelope with a
/// 400/413, and anything unexpected into a 500 envelope logged in one line — never an empty 500 or a stack trace.
/// </summary>
internal sealed class ErrorEnvelopeMiddleware(RequestDelegate next, LocalServerOptions options, ILogger<ErrorEnvelopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            var answer = ErrorFor(error, context);
            if (answer.HttpStatus == 503)
            {
                // The pool's connections died with the database: the next request opens fresh ones.
                context.RequestServices.GetService<Npgsql.NpgsqlDataSource>()?.Clear();
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "5";
                logger.LogWarning("{Method} {Path}: {Outage}", context.Request.Method, RequestLogMiddleware.SafePath(context.Request.Path),
                    answer.Message);
                await ApiResults.Error(answer).ExecuteAsync(context);
                return;
            }

            if (answer.HttpStatus >= 500)
            {
                logger.LogError("{Method} {Path} failed: {ErrorType}: {ErrorMessage}", context.Request.Method,
                    RequestLogMiddleware.SafePath(context.Request.Path), error.GetType().Name, error.Message);
            }

            context.Response.Clear();
            await ApiResults.Error(answer).ExecuteAsync(context);
        }
    }

    private ApiError ErrorFor(Exception error, HttpContext context) => error switch
    {
        BadHttpRequestException { StatusCode: 413 } => ApiErrors.BodyTooLarge(
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? options.MaxJsonBodyBytes),
        BadHttpRequestException bad => new ApiError(ApiErrors.BadRequestCode, 400, $"The request could not be read: {bad.Message}"),
        InvalidDataException invalid => ApiErrors.BadRequest($"The multipart body is malformed: {invalid.Message}"),
        _ when options.Cluster is { } cluster && Cluster.DatabaseOutage.Is(error) => new ApiError(503, 503,
            $"The server cannot answer now: {Cluster.DatabaseOutage.Describe(cluster)}. Retry in a moment; if it lasts, the operator must "
            + "start PostgreSQL or restore the network to it."),
        _ => new ApiError(500, 500, "The server failed to handle this request. Retry; if it keeps failing, restart the server."),
    };
}
