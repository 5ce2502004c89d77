using System;

namespace NemoVideo.Client
{
    /// <summary>Which failures are worth another try, and which of those the service answered before doing any work.</summary>
    internal static class Transience
    {
        /// <summary>Attempts at an upload or an instruction in all, each preceded (after the first) by a state check.</summary>
        public const int CheckedAttempts = 3;

        /// <summary>503 or 429: the service refused before starting, so nothing happened. Not an account refusal.</summary>
        public static bool IsRefusal(NemoException error) =>
            (error.HttpStatus == 503 || error.HttpStatus == 429) && !IsAccountRefusal(error);

        /// <summary>
        /// A refusal about the caller, not the moment: no token can be had (the anonymous-token quota: one per client id
        /// per 7 days), or the token is not accepted. Asking again cannot change it, so no poll or retry loop may
        /// swallow it, whatever its HTTP status.
        /// </summary>
        public static bool IsAccountRefusal(NemoException error) =>
            error.ErrorId == NemoErrorIds.AuthAnonymousTokenQuota
            || error.ErrorId == NemoErrorIds.AuthClientIdRejected
            || error.ErrorId == NemoErrorIds.AuthAnonymousTokenFailed;

        /// <summary>A refusal, a 500/502/504 or a lost connection: the work may or may not have happened.</summary>
        public static bool IsTransient(NemoException error) =>
            !IsAccountRefusal(error)
            && (IsRefusal(error)
                || error.HttpStatus == 500 || error.HttpStatus == 502 || error.HttpStatus == 504
                || error.ErrorId == NemoErrorIds.ApiConnectionFailed);

        /// <summary>1 s, 2 s, 4 s... between checked attempts.</summary>
        public static TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }
}
