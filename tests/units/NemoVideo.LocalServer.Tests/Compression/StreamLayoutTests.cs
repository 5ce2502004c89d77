using NemoVideo.Compression;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Tests.Infrastructure;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Issue 9's second review through the engine: where the picture starts, which streams are kept or said to be left out, and what is not a video.</summary>
public sealed class StreamLayoutTests(StreamLayoutClips clips) : IClassFixture<StreamLayoutClips>
{
    [Fact]
    public async Task A_picture_that_starts_after_its_sound_is_found()
    {
        var info = await clips.Probe(clips.LateVideo);

        Assert.Equal(0.5, info.VideoStartSeconds, 0.05);
        Assert.Equal(3.5, info.DurationSeconds, 0.1);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(1.0, 2.5)]
    public async Task A_trim_counts_from_the_first_frame_and_the_output_has_no_gap(double from, double to)
    {
        var output = clips.NewOutput("late.mp4");

        await new CompressionEngine(clips.RequireTools()).CompressAsync(clips.LateVideo, output,
            new CompressionRequest { TrimStart = TimeSpan.FromSeconds(from), TrimEnd = TimeSpan.FromSeconds(to) },
            cancellationToken: TestContext.Current.CancellationToken);

        var result = await clips.Probe(output);
        Assert.Equal(0, result.VideoStartSeconds);
        Assert.Equal(to - from, result.DurationSeconds, 0.1);
        Assert.Equal(to - from, result.VideoEndSeconds!.Value, 0.1);
        // The first kept frame is the picture's frame at "from" (the picture has 30 fps from its own 0).
        Assert.Equal((long)Math.Round((to - from) * 30), result.Video.FrameCount!.Value, 2.0);
    }

    [Fact]
    public async Task A_trim_window_after_the_picture_ends_is_refused_before_any_encode()
    {
        var error = await Assert.ThrowsAsync<CompressionException>(() => new CompressionEngine(clips.RequireTools()).CompressAsync(
            clips.LateVideo, clips.NewOutput("past.mp4"), new CompressionRequest { TrimStart = TimeSpan.FromSeconds(3.1) },
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(CompressionFailure.InvalidRequest, error.Kind);
        Assert.Contains("lasts 0:00:03", error.Message);
    }

    [Fact]
    public async Task A_trim_in_the_sound_after_the_picture_is_declined_when_the_instruction_is_read()
    {
        clips.RequireTools();
        var facts = (await new MediaInspector().ExamineAsync(clips.ShortPicture, MediaKind.Video, TestContext.Current.CancellationToken)).Facts!;
        Assert.Equal(4_000, facts.DurationMs!.Value, 100.0);
        Assert.Equal(2_000, facts.VideoEndMs!.Value, 100.0);
        var video = new MediaItem("med_1", "short-picture.mp4", clips.ShortPicture, 1, MediaKind.Video, facts.DurationMs, facts.Width,
            facts.Height, facts.HasAudio, "key") { VideoEndMs = facts.VideoEndMs };

        var reply = InstructionInterpreter.Interpret("keep the last 1 second", CompressionSettings.None, video);

        Assert.False(reply.IsApplied);
        Assert.Contains("its picture ends at 0:02", reply.Reply);
        Assert.True(InstructionInterpreter.Interpret("keep the last 3 seconds", CompressionSettings.None, video).IsApplied);
    }

    [Fact]
    public async Task Through_the_server_a_trim_in_the_sound_after_the_picture_is_declined_and_nothing_is_set()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        (await api.UploadAsync(token, sessionId, clips.ShortPicture)).Response.Dispose();

        var declined = SseFrame.Parse(await api.RunAsync(token, sessionId, "keep the last 1 second")).Events().ToList();
        var reply = declined.Last().Parts().Single()["text"]!.GetValue<string>();

        Assert.Contains("its picture ends at 0:02", reply);
        Assert.DoesNotContain(declined.SelectMany(e => e.Parts()), part => part["functionCall"] is not null);
        Assert.Null((await api.DraftAsync(token, sessionId))["m"]?["compression"]?["trim_start_ms"]);
    }

    /// <summary>A reviewer's 3 s picture with 12 s of sound at a tight ceiling: the resolution trial sampled the middle of
    /// the 12 s, past the last frame, and every encode failed on an empty sample.</summary>
    /// <remarks>The bitrate is per second of picture: spread over the sound's 12 s the picture got a quarter of its share.</remarks>
    [Theory]
    [InlineData("mp4", 100_000)]
    [InlineData("mkv", 200_000)]
    public async Task A_picture_shorter_than_its_sound_is_compressed_under_a_tight_ceiling(string container, long ceiling)
    {
        var source = container == "mkv" ? clips.LongSoundHdPictureMkv : clips.LongSoundHdPicture;
        Assert.Equal(3, (await clips.Probe(source)).VideoEndSeconds!.Value, 0.1);
        var output = clips.NewOutput($"long-sound-{container}-{ceiling}.mp4");

        var result = await clips.Compress(source, output, new CompressionRequest { MaxBytes = ceiling });

        var written = await clips.Probe(output);
        TestContext.Current.TestOutputHelper?.WriteLine($"{result.Width}x{result.Height}, {result.Bytes} bytes "
            + $"({100.0 * result.Bytes / ceiling:0.0} %), {result.Strategy}, {result.FinalPassRuns} final pass(es); {string.Join(" ", result.Notes)}");
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        Assert.Equal(12, written.DurationSeconds, 0.2);
        Assert.Equal(3, written.VideoEndSeconds!.Value, 0.2);
    }

    [Fact]
    public async Task Several_audio_tracks_say_which_was_kept_and_which_were_left_out()
    {
        var info = await clips.Probe(clips.TwoAudioTracks);

        var warning = Assert.Single(info.Warnings);
        Assert.Contains("2 audio streams", warning);
        Assert.Contains("kept stream #1", warning);
        Assert.Contains("left out #2", warning);
        Assert.Equal(1, info.Audio!.StreamIndex);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Which_audio_track_was_kept_is_said_only_when_the_output_has_audio(bool removeAudio)
    {
        var output = Path.Combine(clips.NewOutputFolder(), "two-tracks.mp4");

        var result = await clips.Compress(clips.TwoAudioTracks, output, new CompressionRequest { MaxBytes = 400_000, RemoveAudio = removeAudio });

        Assert.Equal(removeAudio, result.AudioCodec is null);
        Assert.Equal(removeAudio ? 0 : 1, result.Warnings.Count(warning => warning.Contains("2 audio streams", StringComparison.Ordinal)));
        Assert.Equal(removeAudio ? 0 : 1, result.Notes.Count(note => note.Contains("2 audio streams", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("cover-track.mkv")]
    [InlineData("cover-attachment.mkv")]
    public async Task A_matroska_cover_picture_is_a_cover_note_not_a_lost_video_warning(string name)
    {
        var info = await clips.Probe(Path.Combine(clips.Directory, name));

        Assert.Empty(info.Warnings);
        Assert.Contains("cover picture", Assert.Single(info.Notes));
        Assert.Equal(0, info.Video.StreamIndex);
    }

    [Theory]
    [InlineData("subtitles-only.mkv")]
    [InlineData("renamed-srt.mkv")]
    public async Task A_file_with_only_subtitles_says_it_has_no_video(string name)
    {
        clips.RequireTools();

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(Path.Combine(clips.Directory, name)));

        Assert.Equal((CompressionFailure.NotMedia, MediaProblem.NoVideo), (error.Kind, error.Problem));
        Assert.Contains("only subtitles", error.Reason);
    }

    [Fact]
    public async Task An_animated_png_is_compressed_like_a_video()
    {
        var info = await clips.Probe(clips.Apng);
        Assert.Equal(1.0, info.DurationSeconds, 0.15);

        var result = await new CompressionEngine(clips.RequireTools()).CompressAsync(clips.Apng, clips.NewOutput("anim.mp4"),
            new CompressionRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Bytes > 0);
    }

    [Fact]
    public async Task An_animated_webp_is_refused_as_an_animation_this_ffmpeg_cannot_decode()
    {
        clips.RequireTools();

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(clips.AnimatedWebp));

        Assert.Equal(MediaProblem.UnsupportedAnimation, error.Problem);
        Assert.Contains("animated WebP", error.Reason);
    }

    [Fact]
    public async Task A_one_frame_h264_video_is_a_still_picture()
    {
        clips.RequireTools();

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(clips.OneFrameH264));

        Assert.Equal(MediaProblem.StillImage, error.Problem);
    }

    /// <summary>A reviewer's one H.264 frame under a minute of sound was refused as "audio with a cover picture": a song
    /// "video" made from one image is a video, and its picture is kept with its sound.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData(150_000L)]
    public async Task A_one_frame_h264_picture_under_sound_is_a_video_whose_picture_is_kept(long? ceiling)
    {
        var source = await clips.Probe(clips.OneFrameH264UnderSound);
        Assert.Equal((1280, 720), (source.Video.DisplayWidth, source.Video.DisplayHeight));
        var output = clips.NewOutput($"one-frame-song-{ceiling}.mp4");

        var result = await clips.Compress(clips.OneFrameH264UnderSound, output, new CompressionRequest { MaxBytes = ceiling });

        var written = await clips.Probe(output);
        TestContext.Current.TestOutputHelper?.WriteLine($"{result.Width}x{result.Height}, {result.Bytes} bytes, {result.Strategy}, "
            + $"{result.FinalPassRuns} final pass(es), {written.Audio?.BitRate} bit/s sound; {string.Join(" ", result.Notes)}");
        Assert.Equal(20, written.DurationSeconds, 0.3);
        Assert.NotNull(written.Audio);
        Assert.True(written.Video.DisplayHeight >= 360, $"the picture was shrunk to {written.Video.DisplayWidth}x{written.Video.DisplayHeight}");
        Assert.InRange(result.Bytes, 1, ceiling ?? source.SizeBytes);
        Assert.DoesNotContain(result.Notes, note => note.Contains("video streams", StringComparison.Ordinal));
    }
}
