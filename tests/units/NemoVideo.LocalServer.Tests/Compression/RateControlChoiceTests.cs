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

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Low_motion_sources_get_two_passes_and_moving_ones_one(string name, bool expectLowMotion)
    {
        var (tools, path) = Source(name);
        var ceiling = new FileInfo(path).Length / 4;

        var result = await new CompressionEngine(tools).CompressAsync(path, lowMotion.NewOutput("out.mp4"),
            new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        Assert.Equal(expectLowMotion ? CompressionStrategy.TwoPass : CompressionStrategy.AverageBitrate, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * 0.9), ceiling);
    }

    /// <summary>A one-pass encode that comes out well short of its size is the sign of content one pass cannot judge:
    /// two passes follow. ffmpeg runs through a wrapper that halves the bitrate of every one-pass encode.</summary>
    [Fact]
    public async Task A_one_pass_encode_short_of_its_size_is_followed_by_two_passes()
    {
        var tools = motion.RequireTools();
        var wrapper = motion.NewOutput("ffmpeg-halving-one-pass");
        await File.WriteAllTextAsync(wrapper, $$"""
            #!/bin/sh
            case " $* " in
              *" -pass "*|*trial-*) exec '{{tools.FfmpegPath}}' "$@" ;;
            esac
            count=$#
            halve=0
            for argument; do
              if [ $halve = 1 ]; then argument=$((argument / 2)); halve=0; fi
              if [ "$argument" = "-b:v" ]; then halve=1; fi
              set -- "$@" "$argument"
            done
            shift $count
            exec '{{tools.FfmpegPath}}' "$@"

            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var ceiling = new FileInfo(motion.Noise).Length / 5;

        var result = await new CompressionEngine(FfmpegTools.Locate(wrapper, tools.FfprobePath)).CompressAsync(motion.Noise,
            motion.NewOutput("out.mp4"), new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        Assert.Equal(CompressionStrategy.TwoPass, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * 0.95), ceiling);
    }

    private (FfmpegTools Tools, string Path) Source(string name) => (lowMotion.RequireTools(), name switch
    {
        "screen recording" => lowMotion.ScreenRecording,
        "talking head" => lowMotion.TalkingHead,
        "moving noise" => motion.Noise,
        _ => motion.Portrait,
    });
}
