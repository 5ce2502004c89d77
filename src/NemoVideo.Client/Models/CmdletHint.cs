namespace NemoVideo.Client
{
    /// <summary>A GUI phrase in the agent's reply and the cmdlet that does it here.</summary>
    /// <param name="Phrase">The words as they appeared in the reply.</param>
    public sealed record CmdletHint(string Phrase, string Cmdlet, string Reason);
}
