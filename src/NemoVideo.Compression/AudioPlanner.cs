namespace NemoVideo.Compression;

/// <summary>Chooses the audio encode. Under a size budget audio is decided first, as a small share of the total,
/// and downmixed to stereo (mono at the lowest rung) because surround channels cost bits a small file cannot spare.</summary>
internal static class AudioPlanner
{
    private static readonly int[] BudgetLadder = [128_000, 96_000, 64_000, 48_000, 32_000];
    private const double AudioShareOfBudget = 0.12;
    private const int MonoBelowOrAt = 32_000;

    public static AudioPlan ForBudget(AudioStreamInfo source, OutputContainer container, double totalBitsPerSecond)
    {
        var affordable = BudgetLadder.FirstOrDefault(rate => rate <= totalBitsPerSecond * AudioShareOfBudget, BudgetLadder[^1]);
        // Spending more than the source had buys nothing; take the rung just above the source rate.
        if (source.BitRate is > 0 and var sourceRate)
        {
            affordable = Math.Min(affordable, BudgetLadder.Where(rate => rate >= sourceRate).DefaultIfEmpty(BudgetLadder[0]).Min());
        }

        var channels = affordable <= MonoBelowOrAt ? 1 : Math.Min(source.Channels, 2);
        return new AudioPlan(false, FormatChoice.AudioEncoder(container), affordable, channels);
    }

    public static AudioPlan ForQuality(AudioStreamInfo source, OutputContainer container, QualityPreference quality)
    {
        if (FormatChoice.CanCarryAudio(container, source.Codec) && source.Channels <= 2 && quality != QualityPreference.Smallest)
        {
            return AudioPlan.CopySource;
        }

        var rate = quality == QualityPreference.Smallest ? 96_000 : 160_000;
        return new AudioPlan(false, FormatChoice.AudioEncoder(container), rate, Math.Min(source.Channels, 2));
    }
}
