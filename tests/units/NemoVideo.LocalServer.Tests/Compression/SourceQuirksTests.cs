using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Sources that break naive ffmpeg command lines: rotation, variable frame rate, odd sizes, surround audio, 4:4:4, 10-bit HDR.</summary>
[Collection(CompressionCollection.Name)]
public sealed class SourceQuirksTests(ClipFixture clips)
{
    [Fact]
    public async Task A_phone_clip_with_rotation_metadata_stays_portrait()
    {
        var source = await clips.Probe(clips.Portrait);
        Assert.True(source.Video.IsQuarterTurn, "the fixture clip carries a quarter-turn rotation");
        var output = Path.Combine(clips.NewOutputFolder(), "portrait.mp4");

        var result = await clips.Compress(clips.Portrait, output, new CompressionRequest { SizeFraction = 0.3 });

        Assert.Equal((180, 320), (result.Width, result.Height));
        var written = await clips.Probe(output);
        Assert.Equal(0, written.Video.Rotation);
        Assert.Equal(180, written.Video.CodedWidth);
    }

    [Fact]
    public async Task A_variable_frame_rate_source_survives_a_bitrate_encode()
    {
        var source = await clips.Probe(clips.VariableFrameRate);
        Assert.True(source.Video.IsVariableFrameRate, "the fixture clip has uneven frame timing");
        var ceiling = source.SizeBytes / 4;
        var output = Path.Combine(clips.NewOutputFolder(), "vfr.mp4");

        var result = await clips.Compress(clips.VariableFrameRate, output, new CompressionRequest { MaxBytes = ceiling });

        // About 80 frames: two passes (VideoEncoder.OnePassMinimumFrames), which must agree on the frames they see.
        Assert.Equal(CompressionStrategy.TwoPass, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        Assert.Equal(source.DurationSeconds, result.DurationSeconds, 0.25);
    }

    [Fact]
    public async Task Odd_dimensions_become_even_420()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "odd.mp4");

        var result = await clips.Compress(clips.OddSize, output, new CompressionRequest());

        Assert.Equal((320, 180, "yuv420p"), (result.Width, result.Height, result.PixelFormat));
    }

    [Fact]
    public async Task Surround_audio_is_downmixed_to_stereo_aac_under_a_budget()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "stereo.mp4");

        await clips.Compress(clips.Surround, output, new CompressionRequest { SizeFraction = 0.5 });

        var written = await clips.Probe(output);
        Assert.Equal(("aac", 2), (written.Audio?.Codec, written.Audio?.Channels));
    }

    [Fact]
    public async Task Full_chroma_input_is_written_as_420()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "420.mp4");

        var result = await clips.Compress(clips.FullChroma, output, new CompressionRequest { SizeFraction = 0.5 });

        Assert.Equal(("h264", "yuv420p"), (result.VideoCodec, result.PixelFormat));
    }

    [Fact]
    public async Task Ten_bit_hdr_input_is_tone_mapped_to_8_bit_bt709()
    {
        var source = await clips.Probe(clips.Hdr10Bit);
        Assert.True(source.Video.IsHdr, "the fixture clip is tagged PQ");
        var output = Path.Combine(clips.NewOutputFolder(), "sdr.mp4");

        var result = await clips.Compress(clips.Hdr10Bit, output, new CompressionRequest());

        var written = await clips.Probe(output);
        Assert.Equal(("h264", "yuv420p"), (result.VideoCodec, result.PixelFormat));
        Assert.Equal(("bt709", "bt709"), (written.Video.ColorTransfer, written.Video.ColorPrimaries));
    }
}
