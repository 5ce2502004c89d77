using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// Renders the session's timeline to MP4 and downloads it (or, with -NoWait, returns the running render); with
    /// -RenderId it waits for a render already running and downloads that instead of submitting a new one.
    /// </summary>
    [Cmdlet(VerbsData.Export, "NemoVideo", SupportsShouldProcess = true, DefaultParameterSetName = FolderSet)]
    [OutputType(typeof(NemoExportedFile), typeof(NemoRenderJob))]
    public sealed class ExportNemoVideoCommand : NemoSessionCmdlet
    {
        private const string FolderSet = "Destination";
        private const string FileSet = "OutFile";

        private readonly PipelineRecords<ExportItem> exports = new PipelineRecords<ExportItem>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SessionId { get; set; }

        /// <summary>A render started by Export-NemoVideo -NoWait; binds with its SessionId from the piped NemoRenderJob.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? RenderId { get; set; }

        [Parameter(Position = 0, ParameterSetName = FolderSet)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter NoWait { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => exports.Add(new ExportItem(SessionId, RenderId));

        protected override void EndProcessing()
        {
            if (exports.IsEmpty)
            {
                WriteVerbose("Nothing came down the pipeline (the command before failed for every item), so nothing was exported.");
                return;
            }

            Execute(() => new ExportHandler(
                Connections,
                exports.ToList(),
                new ExportRequest(Destination, OutFile, NoWait, Force),
                System.TimeProvider.System).ExecuteAsync);
        }
    }
}
