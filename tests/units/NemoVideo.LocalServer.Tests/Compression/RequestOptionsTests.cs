using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

[Collection(CompressionCollection.Name)]
public sealed class RequestOptionsTests(ClipFixture clips)
{
    [Fact]
    public async Task Trim_keeps_only_the_window_asked_for()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "trim.mp4");

        var result = await clips.Compress(clips.Noise, output,
            new CompressionRequest { TrimStart = TimeSpan.FromSeconds(1), TrimEnd = TimeSpan.FromSeconds(3), MaxBytes = 400_000 });

        Assert.Equal(2, result.DurationSeconds, 0.15);
        Assert.True(result.Bytes <= 400_000);
    }

    [Fact]
    public async Task Remove_audio_writes_no_audio_stream()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "silent.mp4");

        var result = await clips.Compress(clips.Noise, output, new CompressionRequest { RemoveAudio = true, SizeFraction = 0.3 });

        Assert.Null(result.AudioCodec);
        var written = await clips.Probe(output);
        Assert.Null(written.Audio);
    }

    [Fact]
    public async Task Webm_is_vp9_with_opus_within_the_ceiling()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "clip.webm");

        var result = await clips.Compress(clips.Portrait, output, new CompressionRequest { Container = "webm", SizeFraction = 0.4 });

        Assert.Equal(("vp9", "opus"), (result.VideoCodec, result.AudioCodec));
        Assert.True(result.Bytes <= new FileInfo(clips.Portrait).Length * 0.4);
        var written = await clips.Probe(output);
        Assert.Contains("webm", written.FormatName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task H265_is_hevc_in_mp4_within_the_ceiling()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "clip.mp4");

        var result = await clips.Compress(clips.Portrait, output, new CompressionRequest { VideoCodec = "h265", SizeFraction = 0.4 });

        Assert.Equal(("hevc", "yuv420p"), (result.VideoCodec, result.PixelFormat));
        Assert.True(result.Bytes <= new FileInfo(clips.Portrait).Length * 0.4);
    }

    [Fact]
    public async Task A_720p_style_height_caps_the_short_side_and_frame_rate_is_lowered()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "small.mp4");

        var result = await clips.Compress(clips.Portrait, output, new CompressionRequest { Height = 90, FrameRate = 15 });

        Assert.Equal((90, 160), (result.Width, result.Height));
        Assert.Equal(15, result.FrameRate, 0.1);
    }
}
