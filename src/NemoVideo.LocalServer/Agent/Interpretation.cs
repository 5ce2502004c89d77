namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// The interpreter's verdict on one instruction: new settings with what it understood and the reply saying so, or
/// (not <see cref="IsApplied"/>) a polite reply with the settings unchanged.
/// </summary>
public sealed record Interpretation(CompressionSettings Settings, IReadOnlyList<string> Understood, string Reply, bool IsApplied)
{
    public static Interpretation Decline(CompressionSettings unchanged, string reply) => new(unchanged, [], reply, IsApplied: false);
}
