using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Gets the session's timeline: tracks and segments, shown as a one-line summary, or the raw state JSON.</summary>
    [Cmdlet(VerbsCommon.Get, "NemoState")]
    [OutputType(typeof(NemoTimeline), typeof(string))]
    public sealed class GetNemoStateCommand : NemoSessionCmdlet
    {
        private readonly PipelineRecords<string?> sessions = new PipelineRecords<string?>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SessionId { get; set; }

        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void ProcessRecord() => sessions.Add(SessionId);

        protected override void EndProcessing()
        {
            if (sessions.IsEmpty)
            {
                WriteVerbose("Nothing came down the pipeline (the command before failed for every item), so nothing was read.");
                return;
            }

            Execute(() => new StateHandler(Connections, sessions.ToList(), Raw).ExecuteAsync);
        }
    }
}
