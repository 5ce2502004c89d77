using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Clips on which x264's two-pass rate control cannot meet a ceiling that the picture can meet (issue 12 review).</summary>
public sealed class RateControlEdgeClips() : GeneratedClips("nemo-rate-edge-")
{
    /// <summary>61 frames (one past the CRF search's range) of 1280x720 heavy noise, with sound.</summary>
    public string NoisyShort => Clip("noisy-61.mp4");

    /// <summary>5 s of 1280x720 moving test pattern with noise, no sound.</summary>
    public string PatternNoAudio => Clip("pattern-noaudio.mp4");

    protected override async Task GenerateAsync()
    {
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30,noise=alls=40:allf=t+u",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-frames:v", "61", "-t", "2.0334",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "17", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", NoisyShort]);
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30,noise=alls=10:allf=t", "-t", "5",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", PatternNoAudio]);
    }
}

[Collection(CompressionCollection.Name)]
public sealed class RateControlEdgeTests(RateControlEdgeClips clips) : IClassFixture<RateControlEdgeClips>
{
    /// <summary>x264's two passes overshot by 30 % at every corrected bitrate and the file was refused "even at its lowest
    /// quality", where CRF 40 makes it 14 % of the ceiling.</summary>
    [Fact]
    public async Task A_ceiling_two_pass_missed_on_61_noisy_frames_is_met()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var ceiling = new FileInfo(clips.NoisyShort).Length / 20;

        var result = await engine.CompressAsync(clips.NoisyShort, clips.NewOutput("out.mp4"),
            new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        Assert.InRange(result.Bytes, 1, ceiling);
    }

    /// <summary>Whatever the bitrate encode does, the CRF size search bounds the size by measurement: a bitrate encode that
    /// misses on every corrected run (here ffmpeg runs through a wrapper that pads each bitrate encode's output past the
    /// ceiling) hands the job to the search instead of calling the ceiling infeasible.</summary>
    [Fact]
    public async Task A_ceiling_the_bitrate_encode_keeps_missing_is_met_by_the_quality_search()
    {
        var tools = clips.RequireTools();
        var ceiling = new FileInfo(clips.NoisyShort).Length / 20;
        var wrapper = clips.NewOutput("ffmpeg-overshooting");
        await File.WriteAllTextAsync(wrapper, $$"""
            #!/bin/sh
            case " $* " in
              *" -b:v "*trial-*) ;;
              *" -b:v "*) '{{tools.FfmpegPath}}' "$@" || exit $?; for last; do :; done; head -c {{ceiling}} /dev/zero >> "$last"; exit 0 ;;
            esac
            exec '{{tools.FfmpegPath}}' "$@"

            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var engine = new CompressionEngine(FfmpegTools.Locate(wrapper, tools.FfprobePath));

        var result = await engine.CompressAsync(clips.NoisyShort, clips.NewOutput("out.mp4"),
            new CompressionRequest { MaxBytes = ceiling }, null, TestContext.Current.CancellationToken);

        Assert.InRange(result.Bytes, 1, ceiling);
        Assert.Equal(CompressionStrategy.SizeSearch, result.Strategy);
    }

    /// <summary>Just above the feasibility floor the resolution trial's correction asked x264 for less than its minimum
    /// and the whole job failed as an encoder error (which the server retries as transient).</summary>
    [Fact]
    public async Task A_ceiling_just_above_the_floor_is_met_or_refused_as_infeasible_never_an_encoder_failure()
    {
        var engine = new CompressionEngine(clips.RequireTools());

        try
        {
            var result = await engine.CompressAsync(clips.PatternNoAudio, clips.NewOutput("out.mp4"),
                new CompressionRequest { MaxBytes = 16_700 }, null, TestContext.Current.CancellationToken);
            Assert.InRange(result.Bytes, 1, 16_700);
        }
        catch (CompressionException error)
        {
            Assert.True(error.Kind == CompressionFailure.Infeasible, $"{error.Kind}: {error.Message}");
        }
    }
}
