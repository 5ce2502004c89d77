using System;

namespace NemoVideo.Client
{
    /// <summary>Which failures are worth another try, and which of those the service answered before doing any work.</summary>
    internal static class Transience
    {
        /// <summary>Attempts at an upload or an instruction in all, each preceded (after the first) by a state check.</summary>
        public const int CheckedAttempts = 3;

        /// <summary>503 or 429: the service refused before starting, so nothing happened.</summary>
        public static bool IsRefusal(NemoException error) => error.HttpStatus == 503 || error.HttpStatus == 429;

        /// <summary>A refusal, a 500/502/504 or a lost connection: the work may or may not have happened.</summary>
        public static bool IsTransient(NemoException error) =>
            IsRefusal(error)
            || error.HttpStatus == 500 || error.HttpStatus == 502 || error.HttpStatus == 504
            || error.ErrorId == NemoErrorIds.ApiConnectionFailed;

        /// <summary>1 s, 2 s, 4 s... between checked attempts.</summary>
        public static TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }
}
