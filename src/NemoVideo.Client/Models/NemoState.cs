namespace NemoVideo.Client
{
    /// <summary>The latest state of a session.</summary>
    /// <param name="Draft">The timeline, or null when the session has none yet.</param>
    /// <param name="RawJson">The whole <c>state</c> object as received.</param>
    public sealed record NemoState(string SessionId, NemoDraft? Draft, string RawJson)
    {
        /// <summary>
        /// Whether an instruction is being worked on in the session now (<c>state.agent_busy</c>, which the local server
        /// gives); null when the service does not say, as the hosted contract does not.
        /// </summary>
        public bool? AgentBusy { get; init; }
    }
}
