namespace NemoVideo.Client
{
    /// <summary>The credit balance. <paramref name="Frozen"/> is held by running work and comes back if it fails.</summary>
    public sealed record NemoCredit(decimal Available, decimal Frozen, decimal Total);
}
