using System;
using System.Collections;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Connect-Nemo: (optionally) start the local server, open or resume a session, make it the default.</summary>
    public sealed class ConnectHandler
    {
        private readonly ConnectRequest request;
        private readonly IDictionary environment;
        private readonly Func<NemoClientOptions, INemoClient> createClient;
        private readonly Func<CancellationToken, Task<ILocalServer>> startLocalServer;
        private readonly IConnectionScope scope;
        private readonly TimeProvider clock;

        public ConnectHandler(
            ConnectRequest request,
            IDictionary environment,
            Func<NemoClientOptions, INemoClient> createClient,
            Func<CancellationToken, Task<ILocalServer>> startLocalServer,
            IConnectionScope scope,
            TimeProvider clock)
        {
            this.request = request;
            this.environment = environment;
            this.createClient = createClient;
            this.startLocalServer = startLocalServer;
            this.scope = scope;
            this.clock = clock;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            ILocalServer? localServer = null;
            INemoClient? client = null;
            try
            {
                var endpoint = request.Endpoint;
                if (request.Local)
                {
                    host.WriteVerbose("Starting the local NemoVideo server.");
                    localServer = await startLocalServer(cancellationToken).ConfigureAwait(false);
                    endpoint = localServer.Endpoint;
                    host.WriteVerbose($"The local server listens on {endpoint}.");
                }

                var options = ClientOptionsBuilder.Build(environment, endpoint, request.Token, ignoreEnvironmentToken: request.Local, clock, persistAnonymousToken: !request.Local, localServer: request.Local);
                host.WriteVerbose(options.Token == null
                    ? $"Connecting to {options.ApiBaseUrl} with an anonymous token."
                    : $"Connecting to {options.ApiBaseUrl} with the supplied token.");
                client = createClient(options);

                var session = request.SessionId != null
                    ? client.ResumeSession(request.SessionId, null, request.Language)
                    : await client.CreateSessionAsync(request.Language, cancellationToken).ConfigureAwait(false);
                if (request.SessionId != null)
                {
                    // A session id the service does not know fails here with Nemo.Session.NotFound (its state call answers
                    // 1002), not later at the first command that uses the connection.
                    await client.GetStateAsync(session, cancellationToken).ConfigureAwait(false);
                }

                var connection = new NemoConnection(client, session, await TryGetBrowserLinkAsync(host, client, session, cancellationToken).ConfigureAwait(false), localServer, anonymous: options.Token == null);
                ReplaceDefault(connection);
                host.WriteObject(connection);
            }
            catch
            {
                client?.Dispose();
                localServer?.Dispose();
                throw;
            }
        }

        private static async Task<Uri?> TryGetBrowserLinkAsync(ICommandHost host, INemoClient client, NemoSession session, CancellationToken cancellationToken)
        {
            try
            {
                return await client.GetBrowserLinkAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (NemoException failure)
            {
                // The link is a convenience; the connection works without it.
                host.WriteWarning($"No browser link for session {session.SessionId}: {failure.Message}");
                return null;
            }
        }

        private void ReplaceDefault(NemoConnection connection)
        {
            var previous = scope.Current;
            scope.Current = connection;

            // The replaced default would otherwise keep its client, and for -Local its server, until the process ends.
            previous?.Close();
        }
    }
}
