namespace NemoVideo.Compression;

/// <summary>Splits a byte cap: audio first, then the container's cost, then the video bitrate that fills the rest.</summary>
internal static class BudgetCalculator
{
    /// <summary>
    /// Share of the cap every budget encode aims at, inside the accepted band [<see cref="CompressionEngine.MinimumFill"/>,
    /// 100 %] and nearer its top, because x264 lands on either side of its aim and misses low by more than high. One pass
    /// landed within about 1 % on moving content (nine encodes aimed at 96 % landed at 95.3–96.8 %); two passes on
    /// low-motion content, aimed at 99 %, landed 0.1–0.2 % over on a screen recording and a slide show at 25 % and paid a
    /// whole corrective encode each (about 11–13 s of 32–45 s), while others land 3–4 % under.
    /// </summary>
    internal const double AimFill = 0.975;

    /// <summary>MP4 sample tables cost about 16 bytes a video packet (size, timing, composition offset); WebM block headers are similar.</summary>
    private const int OverheadBytesPerVideoPacket = 16;
    /// <summary>An audio packet has no composition offset or key flag: measured on 12 s of noise at 32 kbit/s, 5.5 bytes a
    /// packet in MP4 (AAC) and 7 in WebM (Opus). At 16 a 100 kB ceiling over 12 s of sound lost 6 % of itself to
    /// overhead that was never written.</summary>
    private const int OverheadBytesPerAudioPacket = 8;
    private const int FixedOverheadBytes = 4096;
    private const double AacFramesPerSecondAt48k = 48000 / 1024.0;
    private const double OpusFramesPerSecond = 50;

    /// <summary>Below this x264 cannot make a watchable picture at any size on the ladder.</summary>
    internal const long MinimumVideoBitsPerSecond = 16_000;

    public static long OverheadBytes(double durationSeconds, double expectedFrames, AudioPlan? audio)
    {
        // An AAC frame holds 1024 samples, so a sound resampled to 24 kHz has half the packets (and half their cost).
        var audioPackets = audio is null ? 0
            : durationSeconds * (audio.Encoder == "libopus" ? OpusFramesPerSecond : AacFramesPerSecondAt48k * (audio.SampleRate ?? 48_000) / 48_000);
        return FixedOverheadBytes + (long)Math.Ceiling((expectedFrames * OverheadBytesPerVideoPacket) + (audioPackets * OverheadBytesPerAudioPacket));
    }

    /// <summary>What the output lasts (sound and picture), how much of it has picture, and the frames expected in that.</summary>
    internal readonly record struct Length(double DurationSeconds, double PictureSeconds, double ExpectedFrames);

    public static bool IsFeasible(long capBytes, Length length, AudioPlan? audio) =>
        VideoBitsPerSecond(capBytes, length, audio) >= MinimumVideoBitsPerSecond;

    /// <summary>The video bitrate is per second of picture: x264 spreads it over the frames it gets, so a picture that
    /// ends before its sound would otherwise get only its share of the ceiling.</summary>
    public static BitrateBudget Split(long capBytes, Length length, AudioPlan? audio)
    {
        var audioBytes = AudioBytes(length.DurationSeconds, audio);
        var overhead = OverheadBytes(length.DurationSeconds, length.ExpectedFrames, audio);
        var videoBitsPerSecond = VideoBitsPerSecond(capBytes, length, audio);
        if (videoBitsPerSecond < MinimumVideoBitsPerSecond)
        {
            var least = SmallestCap(length, audio);
            throw new CompressionException(CompressionFailure.Infeasible,
                $"{capBytes:N0} bytes is too small for {Describe(length)}: after {(audio is null ? "the container" : "audio and container")} it leaves "
                + (videoBitsPerSecond > 0 ? $"{videoBitsPerSecond / 1000} kbit/s for the picture, under its {MinimumVideoBitsPerSecond / 1000} kbit/s minimum. " : "nothing for the picture. ")
                + $"Allow at least {least:N0} bytes"
                + (audio is null ? " or trim the clip." : ", trim the clip, or remove the audio."))
            {
                Infeasibility = new Infeasibility(capBytes, least, audio is not null),
            };
        }

        return new BitrateBudget(capBytes, audioBytes, overhead, videoBitsPerSecond);
    }

    /// <summary>The smallest cap whose picture gets <see cref="MinimumVideoBitsPerSecond"/> beside this sound.</summary>
    private static long SmallestCap(Length length, AudioPlan? audio) =>
        (long)Math.Ceiling(((MinimumVideoBitsPerSecond * length.PictureSeconds / 8) + AudioBytes(length.DurationSeconds, audio)
            + OverheadBytes(length.DurationSeconds, length.ExpectedFrames, audio)) / AimFill);

    /// <summary>"12 seconds of video", or "12 seconds of sound with 3 seconds of picture" when the picture ends first.</summary>
    private static string Describe(Length length) =>
        length.PictureSeconds < length.DurationSeconds - 0.05
            ? FormattableString.Invariant($"{length.DurationSeconds:0.#} seconds of sound with {Seconds(length.PictureSeconds)} of picture")
            : FormattableString.Invariant($"{length.DurationSeconds:0.#} seconds of video");

    private static string Seconds(double seconds) => seconds switch
    {
        < 0.95 => FormattableString.Invariant($"{seconds:0.###} s"),
        < 1.05 => "1 second",
        _ => FormattableString.Invariant($"{seconds:0.#} seconds"),
    };

    /// <summary>What the picture gets per second of picture, in bits, after the sound and the container.</summary>
    internal static long VideoBitsPerSecond(long capBytes, Length length, AudioPlan? audio)
    {
        var videoBytes = (capBytes * AimFill) - AudioBytes(length.DurationSeconds, audio)
            - OverheadBytes(length.DurationSeconds, length.ExpectedFrames, audio);
        return (long)(videoBytes * 8 / length.PictureSeconds);
    }

    private static long AudioBytes(double durationSeconds, AudioPlan? audio) =>
        audio is null ? 0 : (long)Math.Ceiling(audio.BitsPerSecond * durationSeconds / 8);
}
