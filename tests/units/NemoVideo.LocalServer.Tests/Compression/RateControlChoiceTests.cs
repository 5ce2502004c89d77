using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Issue 12: a budget encode runs x264 in one pass at an average bitrate, except on low-motion content, where
/// one-pass rate control spends badly and two passes keep the picture (see <see cref="InterFrameCost"/>).</summary>
[Collection(CompressionCollection.Name)]
public sealed class RateControlChoiceTests(LowMotionClips lowMotion, ClipFixture motion) : IClassFixture<LowMotionClips>
{
    [Theory]
    [InlineData("K_", 1_000, "__", 50, 0.05)]
    [InlineData("K__", 2_000, "___", 1_000, 0.5)]
    [InlineData("K_", 1_000, "K_", 1_000, null)]
    [InlineData("__", 1_000, "__", 1_000, null)]
    public void The_inter_frame_share_is_mean_inter_packet_over_mean_keyframe_packet(string firstFlags, int firstSize,
        string otherFlags, int otherSize, double? expected)
    {
        var packets = new InterFrameCost.PacketSizes();
        packets.Add($"{firstSize},{firstFlags}");
        for (var frame = 0; frame < 9; frame++)
        {
            packets.Add($"{otherSize},{otherFlags}\r");
        }

        packets.Add("N/A,K_");
        packets.Add(string.Empty);

        Assert.Equal(expected, packets.InterShare());
    }

    public static TheoryData<string, bool> Sources() => new()
    {
        { "screen recording", true },
        { "talking head", true },
        { "moving noise", false },
        { "portrait phone clip", false },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Low_motion_sources_are_told_from_moving_ones_by_their_packets(string name, bool expectLowMotion)
    {
        var (tools, path) = Source(name);
        var plan = CompressionPlanner.Plan(await new MediaProber(tools).ProbeAsync(path, TestContext.Current.CancellationToken),
            new CompressionRequest { SizeFraction = 0.25 });

        Assert.Equal(expectLowMotion, await InterFrameCost.IsLowMotionAsync(tools, plan, TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string> FirstEncodes() => new()
    {
        { "screen recording", "a first pass at medium" },
        { "talking head", "a first pass at medium" },
        { "moving noise", "one pass" },
        { "portrait phone clip", "a first pass at fast" },
    };

    /// <summary>Low motion gets two passes at x264's medium preset; moving content one pass at fast, or, under
    /// <see cref="VideoEncoder.OnePassMinimumFrames"/> (the 3 s portrait clip, 90 frames), two passes at fast.</summary>
    [Theory]
    [MemberData(nameof(FirstEncodes))]
    public async Task Low_motion_sources_get_two_passes_and_moving_ones_one_unless_too_short(string name, string expectedFirst)
    {
        var expectLowMotion = expectedFirst == "a first pass at medium";
        var (tools, path) = Source(name);
        var ceiling = new FileInfo(path).Length / 4;

        var (engine, log) = await motion.EngineRecordingFfmpeg();

        var result = await engine.CompressAsync(path, lowMotion.NewOutput("out.mp4"),
            new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        // A first pass writes to the null muxer; a one-pass run has no -pass.
        var first = File.ReadAllLines(log).First(command => !command.Contains("trial-", StringComparison.Ordinal));
        var seen = !first.Contains(" -pass ", StringComparison.Ordinal) ? "one pass"
            : first.Contains(" -f null ", StringComparison.Ordinal) && first.Contains(" -preset medium ", StringComparison.Ordinal) ? "a first pass at medium"
            : first.Contains(" -f null ", StringComparison.Ordinal) && first.Contains(" -preset fast ", StringComparison.Ordinal) ? "a first pass at fast"
            : first;
        Assert.Equal(expectedFirst, seen);
        Assert.Equal(seen == "one pass" ? CompressionStrategy.AverageBitrate : CompressionStrategy.TwoPass, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * 0.9), ceiling);
    }

    /// <summary>A one-pass encode that comes out well short of its size is the sign of content one pass cannot judge:
    /// two passes follow. ffmpeg runs through a wrapper that halves the bitrate of every one-pass encode.</summary>
    [Fact]
    public async Task A_one_pass_encode_short_of_its_size_is_followed_by_two_passes()
    {
        var engine = await motion.EngineWithFfmpegScript(HalvingOnePassBitrates);
        var ceiling = new FileInfo(motion.LongNoise).Length / 5;

        var result = await engine.CompressAsync(motion.LongNoise,
            motion.NewOutput("out.mp4"), new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        Assert.Equal(CompressionStrategy.TwoPass, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
    }

    /// <summary>The one-pass run leaves room on the progress bar for the two passes that may follow it: they once ran from
    /// 97 % to 99 % of the bar, two thirds of the time at its very end.</summary>
    [Fact]
    public async Task A_handover_to_two_passes_leaves_them_a_fifth_of_the_progress_bar()
    {
        var firstPassStarted = motion.NewOutput("first-pass-started");
        var engine = await motion.EngineWithFfmpegScript($"""
            case " $* " in *" -pass 1 "*) : > '{firstPassStarted}' ;; esac
            {HalvingOnePassBitrates}
            """);
        var reports = new List<(double Fraction, bool TwoPasses)>();
        var progress = new SynchronousProgress(fraction => reports.Add((fraction, File.Exists(firstPassStarted))));

        await engine.CompressAsync(motion.LongNoise, motion.NewOutput("out.mp4"),
            new CompressionRequest { MaxBytes = new FileInfo(motion.LongNoise).Length / 5 }, progress, TestContext.Current.CancellationToken);

        var beforeHandover = reports.Where(report => !report.TwoPasses).Max(report => report.Fraction);
        var twoPasses = reports.Where(report => report.TwoPasses && report.Fraction < 1).Select(report => report.Fraction).ToList();
        Assert.InRange(beforeHandover, 0.5, 0.8);
        Assert.True(twoPasses.Count > 2 && twoPasses.Max() - beforeHandover >= 0.15,
            $"one pass ended at {beforeHandover:0.000}; the two passes reported {string.Join(", ", twoPasses.Select(value => value.ToString("0.000")))}");
    }

    /// <summary>A one-pass output that fitted is not thrown away when what follows does worse: here ffmpeg halves every
    /// one-pass bitrate and pads every two-pass and CRF-search output past the ceiling, so the first run is the best there is.
    /// What the note says names the misses, not the content's need.</summary>
    [Fact]
    public async Task A_fitting_one_pass_output_is_kept_when_the_encodes_after_it_overshoot()
    {
        var ceiling = new FileInfo(motion.LongNoise).Length / 5;
        var engine = await motion.EngineWithFfmpegScript($$"""
            case " $* " in
              *" -pass 2 "*|*" -crf "*) {{GeneratedClips.RunThenPadOutput(ceiling)}} ;;
            esac
            {{HalvingOnePassBitrates}}
            """);

        var result = await engine.CompressAsync(motion.LongNoise, motion.NewOutput("out.mp4"), new CompressionRequest { MaxBytes = ceiling }, null,
            TestContext.Current.CancellationToken);

        Assert.Equal(CompressionStrategy.AverageBitrate, result.Strategy);
        Assert.InRange(result.Bytes, ceiling * 0.3, ceiling * 0.7);
        var note = Assert.Single(result.Notes, text => text.Contains("-byte ceiling", StringComparison.Ordinal));
        Assert.Contains("overshot or fell short", note);
        Assert.DoesNotContain("needs no more", note);
    }

    /// <summary>Reports on the encoder's own thread, so each report can be read against what the ffmpeg wrapper did by then.</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>An ffmpeg wrapper body that halves the <c>-b:v</c> of every one-pass encode (no <c>-pass</c>, no resolution trial sample).</summary>
    internal const string HalvingOnePassBitrates = """
        case " $* " in
          *" -pass "*|*trial-*) exec "$FFMPEG" "$@" ;;
        esac
        count=$#
        halve=0
        for argument; do
          if [ $halve = 1 ]; then argument=$((argument / 2)); halve=0; fi
          if [ "$argument" = "-b:v" ]; then halve=1; fi
          set -- "$@" "$argument"
        done
        shift $count
        exec "$FFMPEG" "$@"
        """;

    private (FfmpegTools Tools, string Path) Source(string name) => (lowMotion.RequireTools(), name switch
    {
        "screen recording" => lowMotion.ScreenRecording,
        "talking head" => lowMotion.TalkingHead,
        "moving noise" => motion.LongNoise,
        _ => motion.Portrait,
    });
}
