using System;

namespace NemoVideo.Client
{
    /// <summary>Upload progress. <paramref name="TotalBytes"/> is the file size; bytes are counted as they are read from disk.</summary>
    public sealed record UploadProgress(string Path, long BytesSent, long TotalBytes);

    /// <summary>Something happened on an instruction's stream.</summary>
    /// <param name="Text">New reply text for <see cref="InstructionProgressKind.Text"/> (only the part not reported before); the tool name for ToolCall.</param>
    public sealed record InstructionProgress(InstructionProgressKind Kind, string? Text, TimeSpan Elapsed);

    public enum InstructionProgressKind
    {
        Text,
        Heartbeat,
        ToolCall,
        /// <summary>The stream ended without text or broke; the client is reading the state to see what happened.</summary>
        Recovering,
    }

    /// <summary>Render progress; <paramref name="Fraction"/> is 0..1. After the one resubmission of a failed render it is reported at once (before any poll) with the new <paramref name="RenderId"/>.</summary>
    public sealed record RenderProgress(string RenderId, RenderStatus Status, double Fraction, TimeSpan Elapsed)
    {
        /// <summary>While pending, the job's place in the server's queue (1 = next), when the server says it (<see cref="RenderJob.QueuePosition"/>).</summary>
        public int? QueuePosition { get; init; }
    }

    /// <summary>Download progress. <paramref name="TotalBytes"/> is null when the server does not say.</summary>
    public sealed record DownloadProgress(string Path, long BytesReceived, long? TotalBytes);
}
