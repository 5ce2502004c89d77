using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Disconnect-Nemo: close a connection (stopping its local server) and clear it as the default; with -Forget also
    /// delete the anonymous tokens stored for later sessions.
    /// </summary>
    public sealed class DisconnectHandler
    {
        private readonly IConnectionScope scope;
        private readonly NemoConnection? explicitConnection;
        private readonly bool passThru;
        private readonly bool forget;
        private readonly string? configDirectory;

        /// <param name="configDirectory">Where the tokens are stored; null is the user's ~/.config/nemovideo.</param>
        public DisconnectHandler(IConnectionScope scope, NemoConnection? explicitConnection, bool passThru, bool forget = false, string? configDirectory = null)
        {
            this.scope = scope;
            this.explicitConnection = explicitConnection;
            this.passThru = passThru;
            this.forget = forget;
            this.configDirectory = configDirectory;
        }

        public Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var connection = explicitConnection ?? scope.Current;
            if (connection == null)
            {
                host.WriteVerbose("Not connected; nothing to disconnect.");
                Forget(host);
                return Task.CompletedTask;
            }

            if (!host.ShouldProcess(connection.Endpoint.ToString(), connection.IsLocal ? "Disconnect and stop the local server" : "Disconnect"))
            {
                Forget(host);
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

            Forget(host);
            if (passThru)
            {
                host.WriteObject(connection);
            }

            return Task.CompletedTask;
        }

        private void Forget(ICommandHost host)
        {
            if (!forget)
            {
                return;
            }

            var path = StoredTokens.PathIn(configDirectory);
            if (!host.ShouldProcess(path, "Remove the stored anonymous tokens (the service may not issue a new one for up to 7 days)"))
            {
                return;
            }

            try
            {
                if (StoredTokens.Forget(configDirectory))
                {
                    host.WriteVerbose($"Removed the stored anonymous tokens ({path}).");
                    // Said as a warning: the token cannot simply be asked for again.
                    host.WriteWarning("The stored anonymous token is removed. The client id stays, and the service gives one anonymous token per client id per 7 days, so a new one may not be issued for up to 7 days; set NEMO_TOKEN to use a token of your own meanwhile.");
                }
                else
                {
                    host.WriteVerbose($"No anonymous token was stored ({path}).");
                }
            }
            catch (IOException error)
            {
                throw new NemoException(
                    ModuleErrorIds.ForgetTokenFailed, NemoErrorCategory.WriteError, $"Cannot remove the stored anonymous tokens ({path}): {error.Message}",
                    "Close other PowerShell processes using NemoVideo, or delete the file yourself.", path, innerException: error);
            }
        }
    }
}
