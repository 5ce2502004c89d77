namespace NemoVideo.Client
{
    /// <summary>
    /// Whether a failed instruction was refused by the service before any work (so nothing was applied or charged): an
    /// out-of-credits answer (2001), or an error the service answered to the request itself (a 4xx, 429 or 503) before
    /// the reply stream opened. A lost connection, a 500/502/504 or a failure inside the stream may come after the work,
    /// and is not a refusal.
    /// </summary>
    public static class InstructionRefusal
    {
        private const string Key = "NemoVideo.RefusedBeforeWork";

        /// <summary>True when <paramref name="error"/> from sending an instruction means it was not applied.</summary>
        public static bool NotApplied(NemoException error) =>
            error.ErrorId == NemoErrorIds.CreditsExhausted || error.Data[Key] is true;

        /// <summary>Marks an error the service answered to the request itself (a status or a code, not a stream), when it says no work was started.</summary>
        internal static NemoException MarkIfAnsweredBeforeWork(NemoException error)
        {
            var status = error.HttpStatus ?? 0;
            var mayHaveWorked = status == 500 || status == 502 || status == 504 || error.ErrorId == NemoErrorIds.ApiConnectionFailed;
            if (!mayHaveWorked && ((status >= 400 && status < 500) || status == 503 || error.ApiCode is int))
            {
                error.Data[Key] = true;
            }

            return error;
        }
    }
}
