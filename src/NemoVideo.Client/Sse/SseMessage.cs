namespace NemoVideo.Client
{
    /// <summary>One server-sent event, or one comment line (which servers send as a heartbeat).</summary>
    /// <param name="EventName">The <c>event:</c> field, or null.</param>
    /// <param name="Data">The <c>data:</c> lines joined with newlines; empty for a bare <c>data:</c>.</param>
    internal sealed record SseMessage(string? EventName, string Data, bool IsComment);
}
