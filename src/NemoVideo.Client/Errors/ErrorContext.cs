using System;

namespace NemoVideo.Client
{
    /// <summary>What an error message needs to know about the caller to say what to do.</summary>
    internal sealed class ErrorContext
    {
        public ErrorContext(bool isUserToken, string? clientId, Uri webBaseUrl, string target, string? secret = null, string? sessionId = null)
        {
            SessionId = sessionId;
            Secret = secret;
            IsUserToken = isUserToken;
            ClientId = clientId;
            WebBaseUrl = webBaseUrl;
            Target = target;
        }

        public bool IsUserToken { get; }

        public string? ClientId { get; }

        public Uri WebBaseUrl { get; }

        /// <summary>
        /// The token in use, masked verbatim in messages: a user's token has no recognisable prefix, and a careless
        /// server may echo it in its error text.
        /// </summary>
        public string? Secret { get; }

        /// <summary>The session the call was in, when known apart from <see cref="Target"/>.</summary>
        public string? SessionId { get; }

        /// <summary>The session id, file, render id or path the call was about.</summary>
        public string Target { get; }
    }
}
