using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// Under a ceiling the sound gets a fixed small share and the picture the rest. A picture that needs far less than its
/// share (a still slide) left most of the ceiling unused while the sound was squeezed to 32 kbit/s mono: a reviewer's
/// 20 s slide under loud sound used 48.7 % of a 300 kB ceiling. The sound takes what the picture leaves.
/// </summary>
public sealed class AudioShareTests(AudioShareClips clips) : IClassFixture<AudioShareClips>
{
    [Fact]
    public async Task A_still_picture_under_loud_sound_gives_the_sound_what_the_picture_leaves()
    {
        const long ceiling = 300_000;
        var output = clips.NewOutput("still-loud.mp4");

        var result = await clips.Compress(clips.StillPictureLoudSound, output, new CompressionRequest { MaxBytes = ceiling });

        var written = await clips.Probe(output);
        TestContext.Current.TestOutputHelper?.WriteLine($"{result.Width}x{result.Height}, {result.Bytes} bytes ({100.0 * result.Bytes / ceiling:0.0} %), "
            + $"{result.Strategy}, {result.FinalPassRuns} encode(s), audio {written.Audio!.BitRate} bit/s x {written.Audio.Channels}; {string.Join(" ", result.Notes)}");
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        Assert.True(written.Audio.BitRate >= 64_000, $"the sound keeps {written.Audio.BitRate} bit/s while the picture leaves most of the ceiling");
        Assert.Equal(2, written.Audio.Channels);
        Assert.Equal(AudioShareClips.Seconds, written.DurationSeconds, 0.1);
        Assert.Contains(result.Notes, note => note.Contains("sound", StringComparison.Ordinal) && note.Contains("kbit/s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(32_000, 1, null, 57_000.0, 89_000, 2)]
    [InlineData(32_000, 1, 50_000L, 200_000.0, 64_000, 2)]
    [InlineData(32_000, 1, 256_000L, 500_000.0, 128_000, 2)]
    [InlineData(48_000, 2, null, 15_000.0, null, null)]
    [InlineData(64_000, 2, 64_000L, 40_000.0, null, null)]
    public void The_sound_takes_what_the_picture_leaves_up_to_what_is_worth_spending_on_it(int rate, int channels, long? sourceRate,
        double spareBitsPerSecond, int? raisedRate, int? raisedChannels)
    {
        var source = new AudioStreamInfo { Codec = "aac", Channels = 2, SampleRate = 48_000, BitRate = sourceRate };
        var current = new AudioPlan(false, "aac", rate, channels);

        var raised = AudioPlanner.Raised(current, source, spareBitsPerSecond);

        Assert.Equal((raisedRate, raisedChannels), (raised?.BitsPerSecond, raised?.Channels));
        Assert.Null(AudioPlanner.Raised(AudioPlan.CopySource, source, spareBitsPerSecond));
    }

    /// <summary>
    /// The benchmark's two-minute screen recording at 10 % of its size (45 kbit/s in all) was refused: 32 kbit/s of
    /// sound, the ladder's floor, left the picture 1 kbit/s. Below the ladder the sound gives way, mono at 24 then
    /// 16 kbit/s at 24 kHz, before the ceiling is called infeasible.
    /// </summary>
    [Fact]
    public async Task At_a_ceiling_the_ladders_floor_would_starve_the_sound_gives_way_to_the_picture()
    {
        const long ceiling = 330_000;
        var source = await clips.Probe(clips.ScreenRecordingWithTalk);
        Assert.False(BudgetCalculator.IsFeasible(ceiling, new(source.DurationSeconds, source.DurationSeconds, source.DurationSeconds * 15),
            AudioPlanner.ForBudget(source.Audio!, OutputContainer.Mp4, ceiling * 8.0 / source.DurationSeconds)), "the ladder's floor alone is infeasible here");
        var output = clips.NewOutput("screen-talk.mp4");

        var result = await clips.Compress(clips.ScreenRecordingWithTalk, output, new CompressionRequest { MaxBytes = ceiling });

        var written = await clips.Probe(output);
        TestContext.Current.TestOutputHelper?.WriteLine($"{result.Width}x{result.Height}, {result.Bytes} bytes ({100.0 * result.Bytes / ceiling:0.0} %), "
            + $"{result.Strategy}, audio {written.Audio!.BitRate} bit/s x {written.Audio.Channels} at {written.Audio.SampleRate} Hz; {string.Join(" ", result.Notes)}");
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        Assert.Equal((1, 24_000), (written.Audio.Channels, written.Audio.SampleRate));
        Assert.InRange(written.Audio.BitRate!.Value, 12_000, 26_000);
        Assert.Equal(AudioShareClips.ScreenSeconds, written.DurationSeconds, 0.2);
    }

    [Fact]
    public async Task A_ceiling_too_small_even_for_the_least_sound_is_refused_before_any_encode()
    {
        var output = clips.NewOutput("screen-talk-tiny.mp4");

        var error = await Assert.ThrowsAsync<CompressionException>(() =>
            clips.Compress(clips.ScreenRecordingWithTalk, output, new CompressionRequest { MaxBytes = 150_000 }));

        Assert.Equal(CompressionFailure.Infeasible, error.Kind);
        Assert.Contains("remove the audio", error.Message);
        Assert.False(File.Exists(output));
    }
}
