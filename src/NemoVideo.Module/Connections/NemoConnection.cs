using System;
using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>
    /// A connection made by Connect-Nemo: the endpoint, the project (session) and the browser link. It holds the client
    /// (and, for -Local, the server process) but shows no token, so it can be displayed and passed to
    /// <c>ForEach-Object -Parallel</c> as <c>-Session</c>.
    /// </summary>
    public sealed class NemoConnection
    {
        internal NemoConnection(INemoClient client, NemoSession session, Uri? browserLink, ILocalServer? localServer, bool anonymous)
        {
            Client = client;
            Session = session;
            BrowserLink = browserLink;
            LocalServer = localServer;
            Account = anonymous ? "Anonymous" : "Token";
        }

        public Uri Endpoint => Session.Endpoint;

        public string SessionId => Session.SessionId;

        public string? TaskId => Session.TaskId;

        public string Language => Session.Language;

        /// <summary>Opens the project in a browser; made from a claim token, which has no API rights.</summary>
        public Uri? BrowserLink { get; }

        public bool IsLocal => LocalServer != null;

        /// <summary>"Anonymous" (a token the service issued to this machine) or "Token" (one the user supplied).</summary>
        public string Account { get; }

        public bool IsClosed { get; private set; }

        internal INemoClient Client { get; }

        internal NemoSession Session { get; }

        internal ILocalServer? LocalServer { get; }

        /// <summary>Releases the client and stops a local server this connection started. Safe to call twice.</summary>
        internal void Close()
        {
            if (IsClosed)
            {
                return;
            }

            IsClosed = true;
            Client.Dispose();
            LocalServer?.Dispose();
        }

        public override string ToString() => $"{Endpoint} session {SessionId}";
    }
}
