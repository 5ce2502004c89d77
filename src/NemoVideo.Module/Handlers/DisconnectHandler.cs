using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Disconnect-Nemo: close a connection (stopping its local server) and clear it as the default.</summary>
    public sealed class DisconnectHandler
    {
        private readonly IConnectionScope scope;
        private readonly NemoConnection? explicitConnection;
        private readonly bool passThru;

        public DisconnectHandler(IConnectionScope scope, NemoConnection? explicitConnection, bool passThru)
        {
            this.scope = scope;
            this.explicitConnection = explicitConnection;
            this.passThru = passThru;
        }

        public Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var connection = explicitConnection ?? scope.Current;
            if (connection == null)
            {
                host.WriteVerbose("Not connected; nothing to disconnect.");
                return Task.CompletedTask;
            }

            host.WriteVerbose(connection.IsLocal
                ? $"Disconnecting from {connection.Endpoint} and stopping the local server."
                : $"Disconnecting from {connection.Endpoint}.");
            connection.Close();
            if (ReferenceEquals(scope.Current, connection))
            {
                scope.Current = null;
            }

            if (passThru)
            {
                host.WriteObject(connection);
            }

            return Task.CompletedTask;
        }
    }
}
