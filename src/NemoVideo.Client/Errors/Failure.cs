using System;

namespace NemoVideo.Client
{
    /// <summary>
    /// Builds every NemoException the same way: the message is "what happened" followed by "what to do", and the second
    /// half is also kept as RecommendedAction so the module can show it on its own.
    /// </summary>
    internal static class Failure
    {
        public static NemoException Of(
            string errorId,
            NemoErrorCategory category,
            string problem,
            string action,
            string? target,
            int? apiCode = null,
            int? httpStatus = null,
            Exception? inner = null,
            string? secret = null) =>
            new NemoException(errorId, category, Redaction.Scrub(Sentences.Join(problem, action), secret), action, target, apiCode, httpStatus, inner);
    }
}
