using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Api;

/// <summary>
/// Multipart file uploads (field <c>files</c>) and URL uploads, both streamed to disk. One request is all or nothing:
/// its files join the session only when every one of them was accepted.
/// </summary>
internal static class UploadEndpoints
{
    /// <summary>Files one multipart request may carry; the request body limit is this many times the file limit.</summary>
    private const int MaxFilesPerRequest = 20;

    /// <summary>Parts of any kind one multipart body may have, so a body of empty parts cannot keep the loop busy.</summary>
    private const int MaxPartsPerRequest = 100;

    /// <summary>Headers of one part, and their total size: what a file part needs, with room to spare.</summary>
    private const int MaxPartHeaders = 16;
    private const int MaxPartHeaderBytes = 16 * 1024;

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

        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (bodyLimit is { IsReadOnly: false })
            {
                // Only multipart file parts, streamed to disk and each held to MaxUploadBytes by UploadStore, get past
                // the small body limit every other request keeps.
                bodyLimit.MaxRequestBodySize = (options.MaxUploadBytes * MaxFilesPerRequest) + options.MaxJsonBodyBytes;
            }

            return await UploadFilesAsync(session, context.Request, store, cancellationToken);
        }

        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await UploadUrlsAsync(session, context.Request, fetcher, store, cancellationToken);
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

        var reader = new MultipartReader(boundary, request.Body)
        {
            HeadersCountLimit = MaxPartHeaders,
            HeadersLengthLimit = MaxPartHeaderBytes,
        };
        var stored = new List<MediaItem>();
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MaxPartsPerRequest)
                {
                    return Reject(stored, store, ApiErrors.BadRequest($"The multipart body has more than {MaxPartsPerRequest} parts."));
                }

                var disposition = section.GetContentDispositionHeader();
                if (disposition is null || !disposition.IsFileDisposition() || disposition.Name.Value?.Trim('"') != "files")
                {
                    continue;
                }

                if (stored.Count == MaxFilesPerRequest)
                {
                    return Reject(stored, store, ApiErrors.TooManyFiles(MaxFilesPerRequest));
                }

                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value! : disposition.FileName.Value ?? "upload";
                var outcome = await store.StoreAsync(session, name, section.Body, drainExcess: true, cancellationToken);
                if (outcome.Error is not null)
                {
                    return Reject(stored, store, outcome.Error);
                }

                stored.Add(outcome.Media!);
            }
        }
        catch
        {
            // A malformed body, an oversize one or a client that went away: keep nothing of this request.
            Discard(stored, store);
            throw;
        }

        return stored.Count == 0
            ? ApiResults.Error(ApiErrors.BadRequest("No file parts named 'files' were found in the multipart body."))
            : Keep(session, stored, store, request);
    }

    private static IResult Reject(List<MediaItem> stored, UploadStore store, ApiError error)
    {
        Discard(stored, store);
        return ApiResults.Error(error);
    }

    private static void Discard(List<MediaItem> stored, UploadStore store)
    {
        foreach (var media in stored)
        {
            store.Discard(media);
        }

        stored.Clear();
    }

    private static IResult Keep(Session session, List<MediaItem> stored, UploadStore store, HttpRequest request)
    {
        var stats = request.HttpContext.RequestServices.GetRequiredService<Diagnostics.ServerStats>();
        if (!session.TryAddMedia(stored, media => stats.FileStored(session.Id, media.Name)))
        {
            // Dropped while the files arrived: its files were deleted with it, so these would be kept by nothing.
            return Reject(stored, store, ApiErrors.SessionNotFound(session.Id));
        }

        return Answer(stored, request);
    }

    private static async Task<IResult> UploadUrlsAsync(Session session, HttpRequest request, UrlFetcher fetcher, UploadStore store,
        CancellationToken cancellationToken)
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

        if (urls.Count > MaxFilesPerRequest)
        {
            return ApiResults.Error(ApiErrors.TooManyFiles(MaxFilesPerRequest));
        }

        var stored = new List<MediaItem>();
        try
        {
            foreach (var url in urls)
            {
                var outcome = await fetcher.FetchAsync(session, url ?? string.Empty, cancellationToken);
                if (outcome.Error is not null)
                {
                    return Reject(stored, store, outcome.Error);
                }

                stored.Add(outcome.Media!);
            }
        }
        catch
        {
            Discard(stored, store);
            throw;
        }

        return Keep(session, stored, store, request);
    }

    private static IResult Answer(IEnumerable<MediaItem> stored, HttpRequest request)
    {
        var baseUrl = BaseUrl.Of(request);
        return ApiResults.Ok(new { files = stored.Select(media => MediaView.Of(media, baseUrl)).ToList() });
    }

    private sealed record UrlUploadRequest(IReadOnlyList<string>? Urls, string? SourceType);
}
