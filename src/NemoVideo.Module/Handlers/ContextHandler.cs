using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Get-NemoContext: the connection commands use by default (or the one passed in); nothing when not connected.</summary>
    public sealed class ContextHandler
    {
        private readonly IConnectionScope scope;
        private readonly NemoConnection? explicitConnection;

        public ContextHandler(IConnectionScope scope, NemoConnection? explicitConnection)
        {
            this.scope = scope;
            this.explicitConnection = explicitConnection;
        }

        public Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var connection = explicitConnection ?? scope.Current;
            if (connection == null)
            {
                host.WriteVerbose("Not connected. Run Connect-Nemo.");
            }
            else
            {
                host.WriteObject(connection);
            }

            return Task.CompletedTask;
        }
    }
}
