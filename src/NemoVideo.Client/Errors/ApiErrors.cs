using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    /// <summary>The contract's error table: API codes and HTTP statuses to NemoExceptions that say what to do.</summary>
    internal static class ApiErrors
    {
        public const int TokenInvalid = 1001;
        public const int SessionNotFound = 1002;
        public const int OutOfCredits = 2001;
        public const int UnsupportedType = 4001;
        public const int FileTooLarge = 4002;

        /// <summary>Local server extension: the file arrived but holds no video, audio or image stream.</summary>
        public const int UnreadableMedia = 4003;

        private static readonly Regex ByteLimitInText = new Regex(@"(\d[\d,.\u00a0 ]*)-?\s*bytes?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static NemoException FromCode(int code, int? httpStatus, string? serverMessage, ErrorContext context, JsonElement payload = default)
        {
            switch (code)
            {
                case TokenInvalid:
                    return TokenRejected(context, code, httpStatus);
                case SessionNotFound:
                    return Build(
                        NemoErrorIds.SessionNotFound,
                        NemoErrorCategory.ObjectNotFound,
                        $"Session '{context.SessionId ?? context.Target}' was not found; sessions expire after some idle time.",
                        "Run Connect-Nemo to open a new session.",
                        context, code, httpStatus);
                case OutOfCredits:
                    return OutOfCreditsError(context, httpStatus, payload);
                case UnsupportedType:
                    return UnsupportedFileType(context.Target, code, httpStatus);
                case FileTooLarge:
                    return TooLarge(context.Target, code, httpStatus, EnforcedLimit(payload, serverMessage));
                case UnreadableMedia:
                    return MediaRefusal.ForProblem(ProblemOf(payload), context.Target, code, httpStatus, serverMessage)
                        ?? Unreadable(context.Target, code, httpStatus, serverMessage);
                default:
                    // Some services (ours among them) put the HTTP status in code for errors the table has no code for.
                    if (code >= 400 && code <= 599)
                    {
                        return StatusError(code, code, httpStatus, serverMessage, context);
                    }

                    return Build(
                        NemoErrorIds.ApiUnknownCode,
                        NemoErrorCategory.InvalidOperation,
                        $"The service answered code {code}, which this client does not know: {Sentences.Clause(serverMessage) ?? "no message"}.",
                        // 4xxx codes refuse this request or file for what it is (e.g. a file that is not a video): a retry cannot help.
                        code >= 4000 && code < 5000
                            ? "Do what the service's message says; sending the same file or request again will not help."
                            : "Update the NemoVideo module; if the message names something to change, change it and run the command again.",
                        context, code, httpStatus);
            }
        }

        public static NemoException FromStatus(int httpStatus, int? code, string? serverMessage, ErrorContext context, JsonElement payload = default)
        {
            if (code.HasValue && code.Value != 0)
            {
                return FromCode(code.Value, httpStatus, serverMessage, context, payload);
            }

            return StatusError(httpStatus, code, httpStatus, serverMessage, context);
        }

        /// <param name="status">The HTTP status, or a code that repeats one, that decides the kind of error.</param>
        private static NemoException StatusError(int status, int? code, int? httpStatus, string? serverMessage, ErrorContext context)
        {
            var detail = string.IsNullOrEmpty(serverMessage) ? string.Empty : $" ({Sentences.Clause(serverMessage)})";
            switch (status)
            {
                case 401:
                    return TokenRejected(context, null, httpStatus);
                case 402:
                    return Build(
                        NemoErrorIds.ExportPlanBlocked,
                        NemoErrorCategory.PermissionDenied,
                        $"The service refused this on the free plan (HTTP 402){detail}. This is the plan, not your credits.",
                        $"Register or upgrade your plan at {context.WebBaseUrl} to unlock export.",
                        context, code, httpStatus);
                case 403:
                    return Build(
                        NemoErrorIds.AuthTokenInvalid,
                        NemoErrorCategory.PermissionDenied,
                        $"The token is not allowed to do this (HTTP 403){detail}.",
                        "Use a token with the needed scope (render or *) from the NemoVideo web settings in NEMO_TOKEN.",
                        context, code, httpStatus);
                case 404:
                    return Build(
                        NemoErrorIds.ApiRequestRejected,
                        NemoErrorCategory.ObjectNotFound,
                        $"The service has no '{context.Target}' (HTTP 404){detail}.",
                        "Check the id; for a session, Connect-Nemo opens a new one.",
                        context, code, httpStatus);
                case 413:
                    return TooLarge(context.Target, code, httpStatus);
                case 415:
                    return UnsupportedFileType(context.Target, code, httpStatus);
                case 410:
                    return Build(
                        NemoErrorIds.ApiGone,
                        NemoErrorCategory.ObjectNotFound,
                        $"'{context.Target}' is no longer kept by the service (HTTP 410){detail}.",
                        "Export again to make a new render.",
                        context, code, httpStatus);
                case 429:
                    return Build(
                        NemoErrorIds.ApiRateLimited,
                        NemoErrorCategory.LimitsExceeded,
                        $"The service is rate limiting this client (HTTP 429){detail}; it was retried after the wait the service asked for.",
                        "Run the command again in a few minutes; what already finished is kept.",
                        context, code, httpStatus);
                case 503:
                    return Build(
                        NemoErrorIds.ApiUnavailable,
                        NemoErrorCategory.ResourceUnavailable,
                        $"The service is unavailable (HTTP 503){detail}; it was retried and stayed unavailable.",
                        "Run the command again later; what already finished is kept.",
                        context, code, httpStatus);
            }

            if (status >= 500)
            {
                return Build(
                    NemoErrorIds.ApiServerError,
                    NemoErrorCategory.ResourceUnavailable,
                    $"The service failed (HTTP {status}){detail}.",
                    "Run the command again later; if it keeps failing the same way, the service may be down.",
                    context, code, httpStatus);
            }

            return Build(
                NemoErrorIds.ApiRequestRejected,
                NemoErrorCategory.InvalidArgument,
                $"The service rejected the request (HTTP {status}){detail}.",
                "Check the arguments; this client may be older than the service.",
                context, code, httpStatus);
        }

        public static NemoException Connection(Exception error, ErrorContext context) =>
            Build(
                NemoErrorIds.ApiConnectionFailed,
                NemoErrorCategory.ConnectionError,
                $"Cannot reach the NemoVideo service: {Sentences.Clause(error.Message)}.",
                "Check the network connection and NEMO_API_URL.",
                context, null, null, error);

        public static NemoException Unexpected(string what, ErrorContext context, int? httpStatus, Exception? error = null) =>
            Build(
                NemoErrorIds.ApiUnexpectedResponse,
                NemoErrorCategory.InvalidResult,
                $"The service's answer could not be used: {what}.",
                "Check that NEMO_API_URL points at a NemoVideo service; try again later.",
                context, null, httpStatus, error);

        public static NemoException UnsupportedFileType(string target, int? code, int? httpStatus) =>
            Failure.Of(
                NemoErrorIds.UploadUnsupportedType,
                NemoErrorCategory.InvalidType,
                $"'{target}' is not a type the service accepts.",
                $"Convert the file to one of: {UploadRules.AcceptedList}.",
                target, code, httpStatus);

        /// <param name="limitBytes">
        /// The limit that was enforced: the client's own when it refused first, else the one the service named. Null when
        /// the service named none; then the published 500 MB is quoted as what it is, the published figure.
        /// </param>
        public static NemoException TooLarge(string target, int? code, int? httpStatus, long? limitBytes = null)
        {
            var problem = limitBytes is long limit
                ? $"'{target}' is larger than the {ByteText(limit)} the service accepts a file."
                : $"'{target}' is larger than the service accepts a file (it did not say its limit; the published one is {ByteText(NemoClientOptions.DefaultMaxUploadBytes)}).";
            var below = limitBytes is long known ? $" below {ByteText(known)}" : string.Empty;
            return Failure.Of(
                NemoErrorIds.UploadFileTooLarge,
                NemoErrorCategory.LimitsExceeded,
                problem,
                $"Trim or compress it{below} first (Compress-NemoVideo, or ffmpeg), then upload again.",
                target, code, httpStatus);
        }

        /// <summary>"500 MB" for round megabytes (10^6), else the exact bytes: 1,000,000 bytes is "1 MB", 1,048,576 is "1,048,576 bytes".</summary>
        private static string ByteText(long bytes) =>
            bytes >= 1_000_000 && bytes % 100_000 == 0
                ? (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB (" + bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes)"
                : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

        /// <summary>The limit the service enforced: <c>data.limit_bytes</c> (or a similar field), else a byte count in its message.</summary>
        private static long? EnforcedLimit(JsonElement payload, string? serverMessage)
        {
            if (payload.ValueKind == JsonValueKind.Object
                && JsonFields.Integer(payload, "limit_bytes", "max_bytes", "max_upload_bytes", "limit", "max_size") is long fromData && fromData > 0)
            {
                return fromData;
            }

            var match = serverMessage is null ? null : ByteLimitInText.Match(serverMessage);
            if (match is { Success: true })
            {
                var digits = Regex.Replace(match.Groups[1].Value, @"[^\d]", string.Empty);
                if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var fromText) && fromText > 0)
                {
                    return fromText;
                }
            }

            return null;
        }

        /// <summary><c>data.problem</c> of a 4003 answer (our local server's extension), e.g. "audio_only".</summary>
        private static string? ProblemOf(JsonElement payload) =>
            payload.ValueKind == JsonValueKind.Object ? JsonFields.String(payload, "problem", "reason_code") : null;

        private static NemoException Unreadable(string target, int? code, int? httpStatus, string? serverMessage) =>
            Failure.Of(
                NemoErrorIds.UploadUnreadableMedia,
                NemoErrorCategory.InvalidData,
                $"'{target}' is not media the service can read ({Sentences.Clause(serverMessage) ?? "no video, audio or image stream"}).",
                // The service's words say what the file is (audio only, a still image, cut off, not media): sending it again will not help.
                "Sending the same file again will not help: do what the service's words say (e.g. upload audio as audio) or pick the right file; a damaged recording can often be saved: re-encode it (ffmpeg -i in.mov out.mp4).",
                target, code, httpStatus);

        private static NemoException TokenRejected(ErrorContext context, int? code, int? httpStatus) =>
            context.IsUserToken
                ? Build(
                    NemoErrorIds.AuthTokenInvalid,
                    NemoErrorCategory.AuthenticationError,
                    "The token you supplied (NEMO_TOKEN or -Token) is invalid or expired.",
                    "Create a new token in the NemoVideo web settings, or clear NEMO_TOKEN to use a free anonymous token.",
                    context, code, httpStatus)
                : Build(
                    NemoErrorIds.AuthTokenInvalid,
                    NemoErrorCategory.AuthenticationError,
                    "The anonymous token was rejected even after getting a new one.",
                    "Run the command again later (a new anonymous token is asked for only when needed); if it keeps happening, set NEMO_TOKEN to a token from the NemoVideo web settings.",
                    context, code, httpStatus);

        private static NemoException OutOfCreditsError(ErrorContext context, int? httpStatus, JsonElement payload)
        {
            if (context.IsUserToken)
            {
                return Build(
                    NemoErrorIds.CreditsExhausted,
                    NemoErrorCategory.QuotaExceeded,
                    "You are out of NemoVideo credits.",
                    $"Top up credits in your account at {context.WebBaseUrl}.",
                    context, OutOfCredits, httpStatus);
            }

            // The service may name the account to bind; otherwise the anonymous account is the client id.
            var bindId = payload.ValueKind == JsonValueKind.Object ? JsonFields.String(payload, "bind_id", "user_id", "uid") : null;
            var link = new Uri(context.WebBaseUrl, "?bind=" + Uri.EscapeDataString(bindId ?? context.ClientId ?? string.Empty));
            return Build(
                NemoErrorIds.CreditsExhausted,
                NemoErrorCategory.QuotaExceeded,
                "The free anonymous credits are used up.",
                $"Register at {link} to keep this work and get more credits.",
                context, OutOfCredits, httpStatus);
        }

        private static NemoException Build(
            string errorId,
            NemoErrorCategory category,
            string problem,
            string action,
            ErrorContext context,
            int? code,
            int? httpStatus,
            Exception? inner = null) =>
            Failure.Of(errorId, category, problem, action, context.Target, code, httpStatus, inner, context.Secret);
    }
}
