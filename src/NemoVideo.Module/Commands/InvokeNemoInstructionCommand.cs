using System.Management.Automation;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Tells the NemoVideo agent what to do with the session's video, in plain language, and reports what changed.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NemoInstruction")]
    [OutputType(typeof(NemoInstructionResult))]
    public sealed class InvokeNemoInstructionCommand : NemoSessionCmdlet
    {
        private readonly PipelineRecords<string?> sessions = new PipelineRecords<string?>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Instruction { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SessionId { get; set; }

        protected override void ProcessRecord() => sessions.Add(SessionId);

        protected override void EndProcessing()
        {
            if (sessions.IsEmpty)
            {
                WriteVerbose("Nothing came down the pipeline (the command before failed for every item), so no instruction was sent.");
                return;
            }

            Execute(() => new InstructionHandler(Connections, Instruction, sessions.ToList(), System.TimeProvider.System).ExecuteAsync);
        }
    }
}
