namespace NemoVideo.Compression;

/// <summary>Chooses the audio encode. Under a size budget audio is decided first, as a small share of the total,
/// and downmixed to stereo (mono at the lowest rung) because surround channels cost bits a small file cannot spare.</summary>
internal static class AudioPlanner
{
    private static readonly int[] BudgetLadder = [128_000, 96_000, 64_000, 48_000, 32_000];
    private const double AudioShareOfBudget = 0.12;
    private const int MonoBelowOrAt = 32_000;

    /// <param name="source">The sound being encoded.</param>
    /// <param name="container">The output's container (AAC, or Opus in WebM).</param>
    /// <param name="totalBitsPerSecond">The ceiling in bits over the output's whole length in seconds.</param>
    /// <param name="pictureShare">The share of the length that has picture (1 for most videos). A picture that ends before
    /// its sound (one image under a song) gets, per second of picture, the share a whole-length picture would, and the
    /// sound the rest: a fixed 12 % left one 720p frame under 20 s of sound 60 kB at CRF 1 beside 32 kbit/s mono.</param>
    public static AudioPlan ForBudget(AudioStreamInfo source, OutputContainer container, double totalBitsPerSecond, double pictureShare = 1)
    {
        var share = AudioShareOfBudget + ((1 - AudioShareOfBudget) * (1 - Math.Clamp(pictureShare, 0, 1)));
        var affordable = BudgetLadder.FirstOrDefault(rate => rate <= totalBitsPerSecond * share, BudgetLadder[^1]);
        // Spending more than the source had buys nothing; take the rung just above the source rate.
        if (source.BitRate is > 0 and var sourceRate)
        {
            affordable = Math.Min(affordable, RungAtOrAbove(sourceRate));
        }

        var channels = affordable <= MonoBelowOrAt ? 1 : Math.Min(source.Channels, 2);
        return new AudioPlan(false, FormatChoice.AudioEncoder(container), affordable, channels);
    }

    /// <summary>
    /// The sound stepped down <see cref="BudgetLadder"/> until <paramref name="pictureGetsItsShare"/> holds or the
    /// ladder's floor is reached. For a picture shorter than its sound, which <see cref="ForBudget"/> leaves the sound most
    /// of: the ladder's rungs are far apart and the container's cost comes out of the picture, so a rung just under the
    /// sound's share could leave the picture a few percent of the ceiling (a reviewer's 2 s picture under 20 s of sound got
    /// 42 kbit/s beside 96 kbit/s of sound at 25 % of its source, and 190 kbit/s beside 64 kbit/s at 20 %).
    /// </summary>
    public static AudioPlan? LeavePicture(AudioPlan? audio, Func<AudioPlan, bool> pictureGetsItsShare) =>
        StepDown(audio, BudgetLadder, (sound, rate) => sound with { BitsPerSecond = rate, Channels = rate <= MonoBelowOrAt ? 1 : sound.Channels },
            pictureGetsItsShare);

    /// <summary>
    /// Below the ladder, for a ceiling so tight that the picture would not get its minimum with 32 kbit/s of sound (a
    /// two-minute screen recording at 10 % of its size: 45 kbit/s in all): mono at 24, then 16 kbit/s, resampled to
    /// 24 kHz, since at 48 kHz an AAC frame at 16 kbit/s has half as many bits to spend.
    /// </summary>
    private static readonly int[] GiveWayLadder = [24_000, 16_000];
    private const int GiveWaySampleRate = 24_000;

    /// <summary>
    /// The sound stepped down <see cref="GiveWayLadder"/> until <paramref name="pictureFits"/> says the picture gets its
    /// minimum, or the last rung is reached (the plan then refuses the ceiling as infeasible). A copied sound, or one
    /// that already leaves the picture enough, is returned as it is.
    /// </summary>
    public static AudioPlan? GiveWay(AudioPlan? audio, Func<AudioPlan?, bool> pictureFits) =>
        StepDown(audio, GiveWayLadder, (sound, rate) => sound with { BitsPerSecond = rate, Channels = 1, SampleRate = GiveWaySampleRate },
            pictureFits);

    /// <summary>The sound lowered to each of <paramref name="rates"/> below its own, in order, until <paramref name="enough"/>
    /// holds or the rates run out; a copied sound, or none, is returned as it is.</summary>
    private static AudioPlan? StepDown(AudioPlan? audio, IEnumerable<int> rates, Func<AudioPlan, int, AudioPlan> lower, Func<AudioPlan, bool> enough)
    {
        if (audio is null || audio.Copy)
        {
            return audio;
        }

        foreach (var rate in rates.Where(rate => rate < audio.BitsPerSecond))
        {
            if (enough(audio))
            {
                break;
            }

            audio = lower(audio, rate);
        }

        return audio;
    }

    /// <summary>
    /// The sound's plan once the picture has left part of the ceiling unused (a still slide needs a few kbit/s of its
    /// share): its rate raised by the <paramref name="spareBitsPerSecond"/> left, to at most the ladder's top or the rung
    /// just above the source's own rate, in stereo above the mono rung. Null for a copied sound, or a gain under
    /// <see cref="MinimumRaise"/> bit/s, which no listener would hear for the cost of another audio encode.
    /// </summary>
    public static AudioPlan? Raised(AudioPlan current, AudioStreamInfo source, double spareBitsPerSecond)
    {
        if (current.Copy)
        {
            return null;
        }

        var most = source.BitRate is > 0 and var sourceRate ? RungAtOrAbove(sourceRate) : BudgetLadder[0];
        var raised = (int)(Math.Min(most, current.BitsPerSecond + spareBitsPerSecond) / 1000) * 1000;
        return raised - current.BitsPerSecond < MinimumRaise
            ? null
            : current with
            {
                BitsPerSecond = raised,
                Channels = raised <= MonoBelowOrAt ? 1 : Math.Min(source.Channels, 2),
                SampleRate = raised > GiveWayLadder[0] ? null : current.SampleRate,
            };
    }

    private const int MinimumRaise = 16_000;

    /// <summary>The ladder's rung just at or above a source's rate (its top when the source is richer): more buys nothing.</summary>
    private static int RungAtOrAbove(long sourceRate) => BudgetLadder.Where(rate => rate >= sourceRate).DefaultIfEmpty(BudgetLadder[0]).Min();

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
