using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Get-NemoCredit: the balance of the connection's account.</summary>
    public sealed class CreditHandler
    {
        private readonly ConnectionResolver connections;

        public CreditHandler(ConnectionResolver connections)
        {
            this.connections = connections;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var client = connections.Connection.Client;
            host.WriteObject(await client.GetCreditsAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
