namespace NemoVideo.Client
{
    /// <summary>The latest state of a session.</summary>
    /// <param name="Draft">The timeline, or null when the session has none yet.</param>
    /// <param name="RawJson">The whole <c>state</c> object as received.</param>
    public sealed record NemoState(string SessionId, NemoDraft? Draft, string RawJson);
}
