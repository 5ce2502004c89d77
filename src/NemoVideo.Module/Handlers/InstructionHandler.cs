using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Invoke-NemoInstruction: send one instruction to each session once (however many media of it came down the
    /// pipeline). Export, download, credits, status and upload requests are not sent — they would spend credits on
    /// something a cmdlet does for free — and the error names that cmdlet.
    /// </summary>
    public sealed class InstructionHandler
    {
        private const string Activity = "NemoVideo is working on it";

        private readonly ConnectionResolver connections;
        private readonly string instruction;
        private readonly IReadOnlyList<string?> sessionIds;
        private readonly TimeProvider clock;

        /// <param name="sessionIds">Distinct session ids from the pipeline; a null entry means the connection's own session.</param>
        public InstructionHandler(ConnectionResolver connections, string instruction, IReadOnlyList<string?> sessionIds, TimeProvider clock)
        {
            this.connections = connections;
            this.instruction = instruction;
            this.sessionIds = sessionIds;
            this.clock = clock;
        }

        public async Task ExecuteAsync(ICommandHost host, CancellationToken cancellationToken)
        {
            var route = InstructionRouter.Classify(instruction);
            if (route.Intent != InstructionIntent.Agent)
            {
                host.WriteError(ErrorMapper.Create(
                    ModuleErrorIds.InstructionRouted,
                    ErrorCategory.InvalidOperation,
                    instruction,
                    $"'{instruction}' asks for {route.Intent.ToString().ToLowerInvariant()} (\"{route.MatchedWord}\"), which {route.Cmdlet} does without spending credits; it was not sent to the agent.",
                    $"Run {route.Cmdlet}."));
                return;
            }

            var throttle = new ProgressThrottle(host, clock);
            foreach (var sessionId in sessionIds)
            {
                var target = connections.For(sessionId);
                var step = new StepProgress(host, throttle, ProgressIds.Command, -1, Activity);
                step.Stage("Sending the instruction");
                await ItemFailures.RunAsync(
                    host,
                    target.Session.SessionId,
                    async () =>
                    {
                        var result = await target.Client.SendInstructionAsync(target.Session, instruction, step.ForInstruction(), cancellationToken).ConfigureAwait(false);
                        foreach (var hint in result.Hints)
                        {
                            host.WriteVerbose($"The reply says \"{hint.Phrase}\": here that is {hint.Cmdlet} ({hint.Reason}).");
                        }

                        // An edit request that left the timeline as it was was not done (the reply says why): an
                        // error, and nothing goes down the pipeline, so a following Export-NemoVideo does not render
                        // the unchanged timeline as if it had been edited. A question may rightly change nothing.
                        if (result.Changes.Count == 0 && !result.StreamDropped && !QuestionPhrase.IsQuestion(instruction))
                        {
                            host.WriteError(ErrorMapper.Create(
                                ModuleErrorIds.InstructionNothingChanged,
                                ErrorCategory.InvalidResult,
                                target.Session.SessionId,
                                $"'{instruction}' changed nothing on the timeline of session {target.Session.SessionId}. The reply: {result.Reply.Trim()}",
                                "Do what the reply suggests (rephrase the edit, or ask for something the service can do) and run Invoke-NemoInstruction again; Get-NemoState shows the timeline as it is."));
                            return;
                        }

                        // A broken stream and a timeline that did not change: the instruction did not take effect when
                        // the service says nothing runs (a restarted server drops the one it was running), or may still be
                        // running when it does not say. Either way nothing goes down the pipeline to be exported unedited.
                        // Questions are not exempt here: a polite edit ("can you compress it to 3MB?") reads as one.
                        if (result.Changes.Count == 0 && result.StreamDropped)
                        {
                            host.WriteError(result.AgentBusy == false
                                ? ErrorMapper.Create(
                                    ModuleErrorIds.InstructionLost,
                                    ErrorCategory.ConnectionError,
                                    target.Session.SessionId,
                                    $"The connection broke while '{instruction}' ran, and session {target.Session.SessionId} shows no change and nothing running: it did not take effect.",
                                    "Run Invoke-NemoInstruction again to send it; Get-NemoState shows the timeline as it is.")
                                : ErrorMapper.Create(
                                    ModuleErrorIds.InstructionUnconfirmed,
                                    ErrorCategory.OperationTimeout,
                                    target.Session.SessionId,
                                    $"The connection broke while '{instruction}' ran, and the timeline of session {target.Session.SessionId} has not changed yet: the service may still be working on it.",
                                    "Check Get-NemoState in a few minutes before sending it again: a second send runs, and is charged, a second time."));
                            return;
                        }

                        host.WriteObject(new NemoInstructionResult(instruction, result));
                    },
                    cancellationToken).ConfigureAwait(false);
                step.Complete();
            }
        }
    }
}
