namespace NemoVideo.Client
{
    /// <summary>
    /// Where a user's request should go. Anything but <see cref="InstructionIntent.Agent"/> is handled by the client
    /// itself, because sending it to the agent spends credits for nothing.
    /// </summary>
    /// <param name="Cmdlet">The cmdlet that does it, or null for Agent.</param>
    /// <param name="MatchedWord">The word that decided the route, or null for Agent.</param>
    public sealed record InstructionRoute(InstructionIntent Intent, string? Cmdlet, string? MatchedWord);

    public enum InstructionIntent
    {
        Agent,
        Export,
        Download,
        Credits,
        Status,
        Upload,
    }
}
