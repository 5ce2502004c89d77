using System;
using System.Collections.Generic;
using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Uploads video, image or audio files (or URLs) into the session; one object per uploaded media.</summary>
    [Cmdlet(VerbsCommunications.Send, "NemoVideo", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(NemoUploadedMedia))]
    public sealed class SendNemoVideoCommand : NemoPathCmdlet
    {
        private const string UriSet = "Uri";

        private readonly List<Uri> uris = new List<Uri>();

        [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri[] Uri { get; set; } = new Uri[0];

        protected override void ProcessRecord()
        {
            base.ProcessRecord();
            uris.AddRange(Uri);
        }

        // Uploads start once every path is known, so progress can say "file i of n".
        protected override void EndProcessing() =>
            Execute(() => new SendHandler(Connections.For(null), Paths, uris, TimeProvider.System).ExecuteAsync);
    }
}
