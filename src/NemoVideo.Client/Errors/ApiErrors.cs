using System;
using System.Net.Http;
using System.Text.Json;

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
                    return TooLarge(context.Target, code, httpStatus);
                default:
                    return Build(
                        NemoErrorIds.ApiError,
                        NemoErrorCategory.InvalidOperation,
                        $"The service answered code {code}: {serverMessage ?? "no message"}.",
                        "Check the request; if it keeps failing, try again later.",
                        context, code, httpStatus);
            }
        }

        public static NemoException FromStatus(int httpStatus, int? code, string? serverMessage, ErrorContext context, JsonElement payload = default)
        {
            if (code.HasValue && code.Value != 0)
            {
                return FromCode(code.Value, httpStatus, serverMessage, context, payload);
            }

            var detail = string.IsNullOrEmpty(serverMessage) ? string.Empty : $" ({serverMessage})";
            switch (httpStatus)
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
                case 429:
                    return Build(
                        NemoErrorIds.ApiRateLimited,
                        NemoErrorCategory.LimitsExceeded,
                        $"The service is rate limiting this client (HTTP 429) even after waiting once{detail}.",
                        "Wait a few minutes before trying again.",
                        context, code, httpStatus);
            }

            if (httpStatus >= 500)
            {
                return Build(
                    NemoErrorIds.ApiServerError,
                    NemoErrorCategory.ResourceUnavailable,
                    $"The service failed (HTTP {httpStatus}){detail}.",
                    "Try again later; the service may be busy or down.",
                    context, code, httpStatus);
            }

            return Build(
                NemoErrorIds.ApiRequestRejected,
                NemoErrorCategory.InvalidArgument,
                $"The service rejected the request (HTTP {httpStatus}){detail}.",
                "Check the arguments; this client may be older than the service.",
                context, code, httpStatus);
        }

        public static NemoException Connection(Exception error, ErrorContext context) =>
            Build(
                NemoErrorIds.ApiConnectionFailed,
                NemoErrorCategory.ConnectionError,
                $"Cannot reach the NemoVideo service: {error.Message}",
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

        /// <param name="limitBytes">The limit that was applied; null when the service refused (its published limit is 500 MB).</param>
        public static NemoException TooLarge(string target, int? code, int? httpStatus, long? limitBytes = null)
        {
            var limit = $"{(limitBytes ?? NemoClientOptions.DefaultMaxUploadBytes) / 1e6:0.#} MB";
            return Failure.Of(
                NemoErrorIds.UploadFileTooLarge,
                NemoErrorCategory.LimitsExceeded,
                $"'{target}' is larger than the {limit} the service accepts a file.",
                $"Trim or compress it below {limit} first (Compress-NemoVideo, or ffmpeg), then upload again.",
                target, code, httpStatus);
        }

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
                    "Try again later; if it persists, delete ~/.config/nemovideo/client_id or set NEMO_TOKEN.",
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
