using System;

namespace NemoVideo.Client
{
    /// <summary>
    /// The one exception the client throws for anything the caller can act on. The message is redacted on construction,
    /// because server text can echo a token back.
    /// </summary>
    public sealed class NemoException : Exception
    {
        public NemoException(
            string errorId,
            NemoErrorCategory category,
            string message,
            string? recommendedAction = null,
            string? target = null,
            int? apiCode = null,
            int? httpStatus = null,
            Exception? innerException = null)
            : base(Redaction.Scrub(message), innerException)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction is null ? null : Redaction.Scrub(recommendedAction);
            Target = target is null ? null : Redaction.Scrub(target);
            ApiCode = apiCode;
            HttpStatus = httpStatus;
        }

        /// <summary>Stable id, <c>Nemo.&lt;Area&gt;.&lt;Reason&gt;</c>; see <see cref="NemoErrorIds"/>.</summary>
        public string ErrorId { get; }

        public NemoErrorCategory Category { get; }

        /// <summary>What the user should do next, also part of <see cref="Exception.Message"/>.</summary>
        public string? RecommendedAction { get; }

        /// <summary>The file, session, render id or URL the error is about.</summary>
        public string? Target { get; }

        /// <summary>The service's <c>code</c> when it gave one (1001, 1002, 2001, 4001, 4002...).</summary>
        public int? ApiCode { get; }

        public int? HttpStatus { get; }
    }
}
