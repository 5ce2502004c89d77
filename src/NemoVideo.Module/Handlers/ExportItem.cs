namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// One export, as one pipeline record gave it: a new render of the session's timeline, or, with a RenderId, a render
    /// already running (Export-NemoVideo -NoWait's output) to wait for and download. Null SessionId: the connection's session.
    /// The two ids travel together because each piped render belongs to its own session.
    /// </summary>
    public sealed record ExportItem(string? SessionId, string? RenderId);
}
