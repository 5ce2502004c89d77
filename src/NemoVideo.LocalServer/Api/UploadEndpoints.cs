using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Api;

/// <summary>Multipart file uploads (field <c>files</c>) and URL uploads, both streamed to disk.</summary>
internal static class UploadEndpoints
{
    /// <summary>Files one multipart request may carry; the request body limit is this many times the file limit.</summary>
    private const int MaxFilesPerRequest = 20;

    public static void Map(RouteGroupBuilder authenticated) =>
        authenticated.MapPost("/api/upload-video/nemo_agent/me/{sessionId}", UploadAsync);

    private static async Task<IResult> UploadAsync(string sessionId, HttpContext context, SessionStore sessions, UploadStore store,
        UrlFetcher fetcher, LocalServerOptions options, CancellationToken cancellationToken)
    {
        var session = sessions.Find(sessionId, TokenFilter.CallerOf(context).ClientId);
        if (session is null)
        {
            return ApiResults.Error(ApiErrors.SessionNotFound(sessionId));
        }

        var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
        {
            // Each file is held to MaxUploadBytes by UploadStore; Kestrel's default 30 MB cap would stop legal uploads.
            bodyLimit.MaxRequestBodySize = options.MaxUploadBytes * MaxFilesPerRequest + 1_000_000;
        }

        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await UploadFilesAsync(session, context.Request, store, cancellationToken);
        }

        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await UploadUrlsAsync(session, context.Request, fetcher, cancellationToken);
        }

        return ApiResults.Error(ApiErrors.BadRequest(
            "Send the files as multipart/form-data (field 'files') or JSON {\"urls\":[...],\"source_type\":\"url\"}."));
    }

    private static async Task<IResult> UploadFilesAsync(Session session, HttpRequest request, UploadStore store, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return ApiResults.Error(ApiErrors.BadRequest("The multipart body has no boundary."));
        }

        var reader = new MultipartReader(boundary, request.Body);
        var stored = new List<MediaItem>();
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null || !disposition.IsFileDisposition() || disposition.Name.Value?.Trim('"') != "files")
            {
                continue;
            }

            if (stored.Count == MaxFilesPerRequest)
            {
                return ApiResults.Error(ApiErrors.BadRequest($"At most {MaxFilesPerRequest} files can be sent in one request."));
            }

            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value! : disposition.FileName.Value ?? "upload";
            var outcome = await store.StoreAsync(session, name, section.Body, cancellationToken);
            if (outcome.Error is not null)
            {
                return ApiResults.Error(outcome.Error);
            }

            stored.Add(outcome.Media!);
            request.HttpContext.RequestServices.GetRequiredService<Diagnostics.ServerStats>().FileStored(session.Id, outcome.Media!.Name);
        }

        return stored.Count == 0
            ? ApiResults.Error(ApiErrors.BadRequest("No file parts named 'files' were found in the multipart body."))
            : Answer(stored, request);
    }

    private static async Task<IResult> UploadUrlsAsync(Session session, HttpRequest request, UrlFetcher fetcher, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<UrlUploadRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (body!.Urls is not { Count: > 0 } urls)
        {
            return ApiResults.Error(ApiErrors.BadRequest("'urls' must list at least one http(s) URL."));
        }

        var stored = new List<MediaItem>();
        foreach (var url in urls)
        {
            var outcome = await fetcher.FetchAsync(session, url, cancellationToken);
            if (outcome.Error is not null)
            {
                return ApiResults.Error(outcome.Error);
            }

            stored.Add(outcome.Media!);
        }

        return Answer(stored, request);
    }

    private static IResult Answer(IEnumerable<MediaItem> stored, HttpRequest request)
    {
        var baseUrl = BaseUrl.Of(request);
        return ApiResults.Ok(new { files = stored.Select(media => MediaView.Of(media, baseUrl)).ToList() });
    }

    private sealed record UrlUploadRequest(IReadOnlyList<string>? Urls, string? SourceType);
}
