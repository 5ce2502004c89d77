namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// The interpreter's verdict on one instruction: either new settings and what it understood, or a polite
/// <see cref="Declined"/> reply (settings unchanged).
/// </summary>
public sealed record Interpretation(CompressionSettings Settings, IReadOnlyList<string> Understood, string? Declined)
{
    public bool IsApplied => Declined is null;

    public static Interpretation Decline(CompressionSettings unchanged, string reply) => new(unchanged, [], reply);
}
