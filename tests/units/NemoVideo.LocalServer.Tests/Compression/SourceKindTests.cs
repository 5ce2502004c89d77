using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Issue 9 through the engine: cut-off recordings, what a non-video is, and which pictures were left out.</summary>
public sealed class SourceKindTests(SourceKindClips kinds, RealWorldClips clips) : IClassFixture<SourceKindClips>, IClassFixture<RealWorldClips>
{
    [Fact]
    public async Task A_matroska_recording_cut_mid_cluster_is_measured_to_its_readable_end_and_says_so()
    {
        var info = await kinds.Probe(kinds.CutMkv);

        Assert.InRange(info.DurationSeconds, 2.0, 3.8);
        Assert.Equal(6.0, info.ClaimedDurationSeconds!.Value, 0.1);
        Assert.True(info.DurationMeasured);
        var warning = Assert.Single(info.Warnings);
        Assert.Equal(warning, Assert.Single(info.Notes));
        Assert.Contains("of the recording's 6.0 s could be read", warning);
    }

    [Fact]
    public async Task An_mp4_with_its_index_first_cut_mid_data_is_measured_to_its_readable_end()
    {
        var info = await kinds.Probe(kinds.CutFastStartMp4);

        Assert.InRange(info.DurationSeconds, 2.0, 4.6);
        Assert.Equal(6.0, info.ClaimedDurationSeconds!.Value, 0.1);
        Assert.Contains("could be read", Assert.Single(info.Warnings));
    }

    [Fact]
    public async Task A_whole_recording_has_no_warning()
    {
        var info = await kinds.Probe(kinds.WholeMkv);

        Assert.Equal(6.0, info.DurationSeconds, 0.1);
        Assert.Null(info.ClaimedDurationSeconds);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public async Task A_cut_recording_compresses_what_is_readable_and_the_result_warns()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "cut.mp4");

        var result = await new CompressionEngine(kinds.RequireTools()).CompressAsync(kinds.CutMkv, output,
            new CompressionRequest { MaxBytes = 300_000 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.DurationSeconds, 2.0, 3.8);
        Assert.InRange(result.Bytes, 0.9 * 300_000, 300_000);
        Assert.Contains("could be read", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task A_transport_stream_and_an_animated_gif_are_videos_but_a_one_frame_gif_is_a_still_image()
    {
        Assert.Equal(3.0, (await kinds.Probe(kinds.TransportStream)).DurationSeconds, 0.15);
        var gif = await kinds.Probe(kinds.AnimatedGif);
        Assert.Equal(2.0, gif.DurationSeconds, 0.15);
        Assert.Equal((320, 240), (gif.Video.DisplayWidth, gif.Video.DisplayHeight));
        var still = await Assert.ThrowsAsync<CompressionException>(() => kinds.Probe(kinds.StillGif));
        Assert.Equal(MediaProblem.StillImage, still.Problem);
    }

    [Theory]
    [InlineData("audio-only.mp4", MediaProblem.AudioOnly)]
    [InlineData("still.mp4", MediaProblem.StillImage)]
    [InlineData("photo.mp4", MediaProblem.StillImage)]
    [InlineData("truncated.mp4", MediaProblem.Truncated)]
    [InlineData("notes.mp4", MediaProblem.NotMedia)]
    public async Task A_file_that_is_not_a_video_says_what_it_is(string name, MediaProblem problem)
    {
        clips.RequireTools();

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(Path.Combine(clips.Directory, name)));

        Assert.Equal((CompressionFailure.NotMedia, problem), (error.Kind, error.Problem));
    }

    [Fact]
    public async Task A_cover_picture_listed_first_is_a_note_but_not_a_warning()
    {
        var info = await clips.Probe(clips.CoverFirst);

        var note = Assert.Single(info.Notes);
        Assert.Contains("#0 (cover picture, png, 320x240) is not carried into the compressed video", note);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public async Task Several_real_video_streams_are_a_warning()
    {
        var info = await clips.Probe(clips.SubtitleAndPreviewFirst);

        Assert.Contains("2 video streams", Assert.Single(info.Warnings, warning => warning.Contains("video streams", StringComparison.Ordinal)));
    }
}
