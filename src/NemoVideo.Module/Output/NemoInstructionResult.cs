using System;
using System.Collections.Generic;
using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>What one instruction did (Invoke-NemoInstruction). SessionId binds to Get-NemoState and Export-NemoVideo.</summary>
    public sealed class NemoInstructionResult
    {
        internal NemoInstructionResult(string instruction, InstructionResult result)
        {
            Instruction = instruction;
            SessionId = result.SessionId;
            Reply = result.Reply;
            Changes = result.Changes;
            ToolCalls = result.ToolCalls;
            Hints = result.Hints;
            StreamDropped = result.StreamDropped;
            Elapsed = result.Elapsed;
        }

        public string SessionId { get; }

        public string Instruction { get; }

        /// <summary>The agent's text; empty when it answered with edits only.</summary>
        public string Reply { get; }

        public IReadOnlyList<TimelineChange> Changes { get; }

        public IReadOnlyList<NemoToolCall> ToolCalls { get; }

        /// <summary>Cmdlets that do what the reply's GUI phrases ("click Export") ask for.</summary>
        public IReadOnlyList<CmdletHint> Hints { get; }

        /// <summary>True when the stream broke and the result was read back from the timeline (never re-sent).</summary>
        public bool StreamDropped { get; }

        public TimeSpan Elapsed { get; }
    }
}
