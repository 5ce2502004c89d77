using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Security;
using NemoVideo.Client;
using NemoVideo.Module.Completion;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.LocalServer;

namespace NemoVideo.Module.Commands
{
    /// <summary>Connects to NemoVideo (hosted, an endpoint, or a local server it starts) and opens or resumes a session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Nemo", DefaultParameterSetName = HostedSet)]
    [OutputType(typeof(NemoConnection))]
    public sealed class ConnectNemoCommand : NemoCmdlet
    {
        private const string HostedSet = "Hosted";
        private const string EndpointSet = "Endpoint";
        private const string LocalSet = "Local";

        [Parameter(ParameterSetName = HostedSet)]
        [Parameter(ParameterSetName = EndpointSet)]
        [Parameter(ParameterSetName = LocalSet)]
        public SecureString? Token { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EndpointSet)]
        public Uri? Endpoint { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
        public SwitchParameter Local { get; set; }

        /// <summary>With -Local: keep the server's uploads and renders when it stops (by default they are removed).</summary>
        [Parameter(ParameterSetName = LocalSet)]
        public SwitchParameter KeepData { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SessionId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string Language { get; set; } = "en";

        protected override void EndProcessing()
        {
            var moduleDirectory = Path.GetDirectoryName(typeof(ConnectNemoCommand).Assembly.Location)!;
            // The module's server lives for one connection and its files go at Disconnect-Nemo, so durable state would
            // outlive nothing; --in-memory also lets two PowerShell windows each run one on the shared default data folder,
            // whose durable state only one server at a time may hold.
            var serverOptions = KeepData ? new[] { "--in-memory", "--keep-data" } : new[] { "--in-memory" };
            Execute(() => new ConnectHandler(
                new ConnectRequest(Endpoint, Token == null ? null : new NetworkCredential(string.Empty, Token).Password, Local, SessionId, Language),
                Environment.GetEnvironmentVariables(),
                options => new NemoClient(options),
                async cancellationToken => await LocalServerLauncher.BesideModule(moduleDirectory, serverOptions).StartAsync(null, cancellationToken).ConfigureAwait(false),
                ConnectionScope,
                TimeProvider.System).ExecuteAsync);
        }
    }
}
