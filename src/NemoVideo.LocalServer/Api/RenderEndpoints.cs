using System.Text.Json;
using System.Text.RegularExpressions;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Api;

/// <summary>Export: submit a draft, poll the job, download the output (also through the authenticated fallback).</summary>
internal static partial class RenderEndpoints
{
    private static readonly string[] AttributionHeaders = ["X-Skill-Source", "X-Skill-Version", "X-Skill-Platform"];

    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/api/render/proxy/lambda", SubmitAsync);
        authenticated.MapGet("/api/render/proxy/lambda/{renderId}", Poll);
        authenticated.MapGet("/api/render/proxy/{renderId}/download", (string renderId, HttpContext context, RenderQueue renders) =>
        {
            var job = renders.Find(TokenFilter.CallerOf(context).ClientId, renderId);
            return job is null
                ? ApiResults.Error(ApiErrors.RenderNotFound(renderId))
                : DownloadEndpoints.Serve(job);
        });
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, SessionStore sessions, RenderQueue renders,
        CancellationToken cancellationToken)
    {
        // The hosted service blocks exports without attribution with a bare 402; clients must send the headers.
        if (AttributionHeaders.Any(header => string.IsNullOrWhiteSpace(context.Request.Headers[header])))
        {
            return ApiResults.Error(ApiErrors.AttributionMissing());
        }

        var (body, error) = await JsonBody.ReadAsync<RenderRequest>(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (body!.Id is null || !RenderIdPattern().IsMatch(body.Id))
        {
            return ApiResults.Error(ApiErrors.BadRequest("'id' must be 1–100 letters, digits, '_' or '-', e.g. render_1700000000000."));
        }

        var caller = TokenFilter.CallerOf(context);
        var session = sessions.Find(body.SessionId ?? string.Empty, caller.ClientId);
        if (session is null)
        {
            return ApiResults.Error(ApiErrors.SessionNotFound(body.SessionId ?? string.Empty));
        }

        var (work, problem) = DraftReader.Read(body.Draft, session, body.Output?.Format);
        if (problem is not null)
        {
            return ApiResults.Error(problem);
        }

        var job = new RenderJob(body.Id, session.Id, caller.ClientId, work!.Request.Container);
        var stats = context.RequestServices.GetRequiredService<Diagnostics.ServerStats>();
        switch (renders.TryEnqueue(session, job, work, () => stats.RenderSubmitted(session.Id)))
        {
            case EnqueueResult.IdTaken:
                return ApiResults.Error(ApiErrors.BadRequest($"Render id '{body.Id}' is already used; submit with a new id."));
            case EnqueueResult.ClientQueueFull:
                var limit = context.RequestServices.GetRequiredService<Hosting.LocalServerOptions>().MaxQueuedRendersPerClient;
                return ApiResults.Error(ApiErrors.TooManyRenders(limit));
        }

        return JobAnswer(job, context.Request, renders);
    }

    private static IResult Poll(string renderId, HttpContext context, RenderQueue renders)
    {
        var job = renders.Find(TokenFilter.CallerOf(context).ClientId, renderId);
        return job is null
            ? ApiResults.Error(ApiErrors.RenderNotFound(renderId))
            : JobAnswer(job, context.Request, renders);
    }

    /// <summary>The contract polls a top-level <c>status</c>; the same fields also sit in <c>data</c> for envelope readers.</summary>
    private static IResult JobAnswer(RenderJob job, HttpRequest request, RenderQueue renders)
    {
        var queuePosition = renders.QueuePosition(job);
        var view = new JobView(
            job.Id,
            job.SessionId,
            job.Status.ToString().ToLowerInvariant(),
            Math.Round(job.Progress, 4),
            job.OutputUrl(BaseUrl.Of(request)) is string url ? new OutputView(url, job.Container, job.OutputBytes) : null,
            job.Error,
            job.Transient,
            job.ErrorId,
            job.Notes.Count > 0 ? job.Notes : null,
            job.Warnings.Count > 0 ? job.Warnings : null,
            queuePosition);
        return Results.Json(new PollEnvelope(0, "success", view.Id, view.Status, view.Progress, view.Output, view.Error, view.Transient, view.ErrorId, view.Notes,
            view.Warnings, view.QueuePosition, view),
            ServerJson.Rest);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex RenderIdPattern();

    /// <param name="SessionId">The one camelCase field of the contract's bodies.</param>
    private sealed record RenderRequest(
        string? Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("sessionId")] string? SessionId,
        JsonElement Draft,
        OutputRequest? Output);

    private sealed record OutputRequest(string? Format, string? Quality);

    private sealed record OutputView(string Url, string Format, long? Size);

    /// <param name="Transient">On failure: whether resubmitting may work (local extension; absent while not failed).</param>
    /// <param name="Notes">When completed: what the engine chose that the user should know, such as which of several video
    /// streams it encoded (local extension; absent when there is nothing to say).</param>
    /// <param name="Warnings">The notes that mean the output lacks something the source has: a video stream left out, a
    /// recording that could be read only in part (local extension; absent when there are none).</param>
    /// <param name="QueuePosition">While pending in cluster mode: the job's place in the queue, 1 = next (local extension;
    /// absent on one machine and once the job runs).</param>
    private sealed record JobView(string Id, string SessionId, string Status, double Progress, OutputView? Output, string? Error,
        bool? Transient, string? ErrorId, IReadOnlyList<string>? Notes, IReadOnlyList<string>? Warnings, int? QueuePosition);

    private sealed record PollEnvelope(int Code, string Message, string Id, string Status, double Progress, OutputView? Output,
        string? Error, bool? Transient, string? ErrorId, IReadOnlyList<string>? Notes, IReadOnlyList<string>? Warnings, int? QueuePosition,
        JobView Data);
}
