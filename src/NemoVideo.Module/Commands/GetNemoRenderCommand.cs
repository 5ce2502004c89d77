using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// Gets where renders stand on the service, once: status, progress and, on a local server in cluster mode, the place
    /// in the render queue (QueuePosition, 1 = next). Takes the NemoRenderJob objects of Export-NemoVideo -NoWait from
    /// the pipeline, or -RenderId with the connection's session.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NemoRender")]
    [OutputType(typeof(NemoRenderJob))]
    public sealed class GetNemoRenderCommand : NemoSessionCmdlet
    {
        private readonly PipelineRecords<ExportItem> renders = new PipelineRecords<ExportItem>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] RenderId { get; set; } = System.Array.Empty<string>();

        /// <summary>The session the renders belong to; binds from a piped NemoRenderJob. Default: the connection's session.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SessionId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in RenderId)
            {
                renders.Add(new ExportItem(SessionId, id));
            }
        }

        protected override void EndProcessing()
        {
            if (renders.IsEmpty)
            {
                return;
            }

            Execute(() => new RenderStatusHandler(Connections, renders.ToList()).ExecuteAsync);
        }
    }
}
