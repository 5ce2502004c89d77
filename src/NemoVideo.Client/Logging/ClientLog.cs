using System;

namespace NemoVideo.Client
{
    /// <summary>The client's side of <see cref="ILogSink"/>: every line is scrubbed, including the current token verbatim.</summary>
    internal sealed class ClientLog
    {
        private readonly ILogSink? sink;
        private readonly Func<string?> currentSecret;

        public ClientLog(ILogSink? sink, Func<string?> currentSecret)
        {
            this.sink = sink;
            this.currentSecret = currentSecret;
        }

        public void Verbose(string message) => sink?.Verbose(Redaction.Scrub(message, currentSecret()));

        public void Debug(string message) => sink?.Debug(Redaction.Scrub(message, currentSecret()));
    }
}
