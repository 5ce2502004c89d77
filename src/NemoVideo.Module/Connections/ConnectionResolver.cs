using System;
using System.Management.Automation;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Connections
{
    /// <summary>Picks the connection a command uses: -Session if given, else the runspace default.</summary>
    public sealed class ConnectionResolver
    {
        private readonly IConnectionScope scope;
        private readonly NemoConnection? explicitConnection;

        public ConnectionResolver(IConnectionScope scope, NemoConnection? explicitConnection)
        {
            this.scope = scope;
            this.explicitConnection = explicitConnection;
        }

        /// <exception cref="CommandTerminatedException">Nemo.Connection.NotConnected or Nemo.Connection.Closed.</exception>
        public NemoConnection Connection
        {
            get
            {
                var connection = explicitConnection ?? scope.Current;
                if (connection == null)
                {
                    throw new CommandTerminatedException(ErrorMapper.Create(
                        ModuleErrorIds.NotConnected, ErrorCategory.ConnectionError, null,
                        "Not connected to NemoVideo.", "Run Connect-Nemo (or Connect-Nemo -Local), or pass -Session."));
                }

                if (connection.IsClosed)
                {
                    throw new CommandTerminatedException(ErrorMapper.Create(
                        ModuleErrorIds.ConnectionClosed, ErrorCategory.ConnectionError, connection,
                        $"The connection to {connection.Endpoint} was closed by Disconnect-Nemo.", "Run Connect-Nemo again."));
                }

                return connection;
            }
        }

        /// <summary>The connection's own session, or another session id on the same endpoint (e.g. from the pipeline).</summary>
        public SessionTarget For(string? sessionId)
        {
            var connection = Connection;
            var session = string.IsNullOrEmpty(sessionId) || string.Equals(sessionId, connection.SessionId, StringComparison.Ordinal)
                ? connection.Session
                : connection.Client.ResumeSession(sessionId!, null, connection.Language);
            return new SessionTarget(connection.Client, session, connection);
        }
    }
}
