using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Uploads video, image or audio files (or URLs) into the session; one object per uploaded media.</summary>
    [Cmdlet(VerbsCommunications.Send, "NemoVideo", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(NemoUploadedMedia))]
    public sealed class SendNemoVideoCommand : NemoSessionCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UriSet = "Uri";

        private readonly List<PathArgument> paths = new List<PathArgument>();
        private readonly List<Uri> uris = new List<Uri>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri[] Uri { get; set; } = new Uri[0];

        protected override void ProcessRecord()
        {
            paths.AddRange(Path.Select(path => new PathArgument(path, Literal: false)));
            paths.AddRange(LiteralPath.Select(path => new PathArgument(path, Literal: true)));
            uris.AddRange(Uri);
        }

        // Uploads start once every path is known, so progress can say "file i of n".
        protected override void EndProcessing() =>
            Execute(() => new SendHandler(Connections.For(null), paths, uris, TimeProvider.System).ExecuteAsync);
    }
}
