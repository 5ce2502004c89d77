using System;
using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>What one instruction did.</summary>
    /// <param name="Reply">The agent's text, each streamed chunk once. Empty when the agent answered with no text.</param>
    /// <param name="ToolCalls">The agent's tool calls, for verbose output; they are not actions for the user.</param>
    /// <param name="Changes">What changed on the timeline between before and after the instruction.</param>
    /// <param name="Hints">Cmdlets that do what the reply's GUI phrases ("click Export") ask for.</param>
    /// <param name="StreamDropped">True when the stream broke and the result was recovered from the state, never by re-sending.</param>
    public sealed record InstructionResult(
        string SessionId,
        string Reply,
        IReadOnlyList<NemoToolCall> ToolCalls,
        IReadOnlyList<TimelineChange> Changes,
        IReadOnlyList<CmdletHint> Hints,
        bool StreamDropped,
        TimeSpan Elapsed)
    {
        /// <summary>What the last state read said about an instruction running in the session (the local server's
        /// <c>agent_busy</c>): false once nothing runs, so a dropped stream with no change means the instruction did not
        /// take effect; null when the service does not say.</summary>
        public bool? AgentBusy { get; init; }
    }

    /// <summary>A functionCall the agent made, with its functionResponse when one arrived. Arguments and response are raw JSON.</summary>
    public sealed record NemoToolCall(string? Id, string Name, string? ArgumentsJson, string? ResponseJson);

    /// <summary>One difference between two drafts.</summary>
    /// <param name="SegmentIndex">Null when the change is about a whole track.</param>
    /// <param name="Description">For people, e.g. <c>Segment added to track 2 (BGM): Lo-fi (0-10s)</c>.</param>
    public sealed record TimelineChange(TimelineChangeKind Kind, int TrackIndex, int? SegmentIndex, string Description);

    public enum TimelineChangeKind
    {
        TrackAdded,
        TrackRemoved,
        TrackAltered,
        SegmentAdded,
        SegmentRemoved,
        SegmentAltered,
        DurationChanged,

        /// <summary>The draft's metadata (<c>m</c>) changed, e.g. the settings an edit applies at export.</summary>
        MetadataChanged,
    }
}
