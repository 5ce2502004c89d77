namespace NemoVideo.LocalServer.Api;

/// <summary>An error answered in the contract's envelope: <paramref name="Code"/> in the body, and an HTTP status.</summary>
/// <param name="Data">Facts a client can act on (e.g. the enforced size limit), answered as the envelope's <c>data</c>.</param>
public sealed record ApiError(int Code, int HttpStatus, string Message, object? Data = null);

/// <summary>
/// Every error the server answers. Contract codes keep their meaning; 4000 and 4003 are local extensions
/// (documented in docs/local-server.md). HTTP-only errors carry the HTTP status as their code.
/// </summary>
public static class ApiErrors
{
    public const int InvalidTokenCode = 1001;
    public const int SessionNotFoundCode = 1002;
    public const int OutOfCreditsCode = 2001;
    public const int BadRequestCode = 4000;
    public const int UnsupportedTypeCode = 4001;
    public const int TooLargeCode = 4002;
    public const int UnreadableMediaCode = 4003;

    public static ApiError InvalidToken() =>
        new(InvalidTokenCode, 401, "Token invalid or expired. Get a new one from /api/auth/anonymous-token.");

    public static ApiError SessionNotFound(string sessionId) =>
        new(SessionNotFoundCode, 404, $"Session '{sessionId}' not found. Create a new session.");

    public static ApiError OutOfCredits(long available, long needed) =>
        new(OutOfCreditsCode, 403,
            $"Out of credits: this edit costs {needed} and {available} are available. Register or top up to continue.");

    public static ApiError BadRequest(string message) => new(BadRequestCode, 400, message);

    public static ApiError UnsupportedType(string fileName) =>
        new(UnsupportedTypeCode, 415,
            $"'{fileName}' is not an accepted file type. Accepted: {string.Join(", ", Uploads.AcceptedMediaTypes.Extensions)}.");

    public static ApiError TooLarge(string fileName, long limitBytes) =>
        new(TooLargeCode, 413,
            $"'{fileName}' is larger than the {limitBytes:N0}-byte limit. Trim or compress it before uploading.",
            new { limit_bytes = limitBytes });

    /// <param name="reason">What the file is instead, with advice (e.g. "it holds only audio ..."); null for the generic wording.</param>
    /// <param name="problem">What the file is instead, for clients: answered as <c>data.problem</c> (audio_only,
    /// still_image, truncated, not_media, no_video, unsupported_animation), so each kind gets its own error id.</param>
    public static ApiError UnreadableMedia(string fileName, string? reason = null, Compression.MediaProblem? problem = null) =>
        new(UnreadableMediaCode, 422, reason is null
            ? $"'{fileName}' is not readable media: ffprobe found no video, audio or image stream in it."
            : $"'{fileName}' cannot be used as a video: {reason}.",
            new { problem = ProblemName(problem ?? Compression.MediaProblem.NotMedia) });

    /// <summary>audio_only, still_image, truncated, not_media, no_video, unsupported_animation.</summary>
    public static string ProblemName(Compression.MediaProblem problem) => problem switch
    {
        Compression.MediaProblem.AudioOnly => "audio_only",
        Compression.MediaProblem.StillImage => "still_image",
        Compression.MediaProblem.Truncated => "truncated",
        Compression.MediaProblem.NoVideo => "no_video",
        Compression.MediaProblem.UnsupportedAnimation => "unsupported_animation",
        _ => "not_media",
    };

    public static ApiError MissingClientId() =>
        new(400, 400, "The X-Client-Id header is required: send a UUID that identifies this client.");

    public static ApiError InvalidClientId() =>
        new(BadRequestCode, 400,
            $"The X-Client-Id header must be 1–{Accounts.ClientIds.MaxLength} letters, digits, '-', '_', '.' or ':' (a UUID is best).");

    public static ApiError SecretRequired() =>
        new(403, 403, "This server hands out tokens only to callers that send its shared secret in the X-Nemo-Server-Secret header.");

    public static ApiError BodyTooLarge(long limitBytes) =>
        new(413, 413, $"The request body is larger than the {limitBytes:N0}-byte limit for this request.");

    public static ApiError TooManyFiles(int limit) =>
        new(BadRequestCode, 400, $"At most {limit} files can be sent in one request; nothing was kept. Send them in smaller batches.");

    public static ApiError AttributionMissing() =>
        new(402, 402,
            "Export blocked: the X-Skill-Source, X-Skill-Version and X-Skill-Platform headers are required.");

    public static ApiError TokenQuota(DateTimeOffset retryAt) =>
        new(429, 429, $"1 token/client/7 days: this client id already has an anonymous token. Ask again after {retryAt:u}.");

    public static ApiError RateLimited() => new(429, 429, "Rate limited. Retry after the time in Retry-After.");

    public static ApiError Unavailable() => new(503, 503, "The service is temporarily unavailable. Retry shortly.");

    /// <summary>HTTP 429 without Retry-After: the wait depends on the client's own renders, not on the clock.</summary>
    public static ApiError TooManyRenders(int limit) =>
        new(429, 429,
            $"This client already has {limit} renders pending or processing, the most this server queues per client. "
            + "Wait for one to complete or fail (poll it), then submit again.",
            new { max_queued_renders = limit });

    public static ApiError RenderNotFound(string renderId) =>
        new(404, 404, $"Render '{renderId}' not found.");

    public static ApiError OutputGone(string renderId) =>
        new(410, 410, $"The output of render '{renderId}' is no longer available. Export again.");
}
