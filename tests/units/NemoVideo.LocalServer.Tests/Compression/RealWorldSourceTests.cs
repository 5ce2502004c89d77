using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Issue 9, streams and timestamps: the files people feed a compressor, read and encoded by the real engine.</summary>
[Collection(CompressionCollection.Name)]
public sealed class RealWorldSourceTests(RealWorldClips clips) : IClassFixture<RealWorldClips>
{
    // --- The video is not always stream 0 ---

    [Fact]
    public async Task A_cover_picture_listed_before_the_video_is_skipped_and_the_real_video_is_encoded()
    {
        var source = await clips.Probe(clips.CoverFirst);
        Assert.Equal((1, 640, 360), (source.Video.StreamIndex, source.Video.DisplayWidth, source.Video.DisplayHeight));
        var ceiling = source.SizeBytes / 2;
        var output = Path.Combine(clips.NewOutputFolder(), "cover.mp4");

        var result = await clips.Compress(clips.CoverFirst, output, new CompressionRequest { MaxBytes = ceiling });

        Assert.Equal((640, 360, "h264", "aac"), (result.Width, result.Height, result.VideoCodec, result.AudioCodec));
        Assert.InRange(result.Bytes, 1, ceiling);
        Assert.Equal(2, result.DurationSeconds, 0.2);
    }

    [Fact]
    public async Task A_cover_first_source_that_already_fits_is_remuxed_from_its_real_video()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "copy.mp4");

        var result = await clips.Compress(clips.CoverFirst, output, new CompressionRequest { MaxBytes = 100_000_000 });

        Assert.Equal((CompressionStrategy.Remux, 640, 360), (result.Strategy, result.Width, result.Height));
        Assert.Equal(2, (await Ffprobe(output)).Count);
    }

    [Fact]
    public async Task Subtitles_and_a_preview_video_before_the_main_video_leave_the_main_one_encoded_and_say_so()
    {
        var source = await clips.Probe(clips.SubtitleAndPreviewFirst);
        Assert.Equal((3, 640), (source.Video.StreamIndex, source.Video.DisplayWidth));
        var output = Path.Combine(clips.NewOutputFolder(), "main.mp4");

        var result = await clips.Compress(clips.SubtitleAndPreviewFirst, output, new CompressionRequest { SizeFraction = 0.5 });

        Assert.Equal((640, 360, "aac"), (result.Width, result.Height, result.AudioCodec));
        var note = Assert.Single(result.Notes, note => note.Contains("video streams", StringComparison.Ordinal));
        Assert.Contains("2 video streams", note);
        Assert.Contains("#3", note);
        Assert.Contains("#1", note);
        // The subtitle stream is not in the output, and the user is told (it was dropped silently before).
        var subtitles = Assert.Single(result.Warnings, warning => warning.Contains("subtitle stream", StringComparison.Ordinal));
        Assert.Contains("#0", subtitles);
        Assert.Contains(result.Notes, text => text == subtitles);
    }

    [Fact]
    public async Task A_large_two_frame_thumbnail_track_in_mkv_is_left_out_and_the_full_length_main_video_is_encoded()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "thumb.mp4");

        var result = await clips.Compress(clips.ThumbnailTrack, output, new CompressionRequest { SizeFraction = 0.5 });

        Assert.Equal((640, 360), (result.Width, result.Height));
        Assert.Equal(6, result.DurationSeconds, 0.2);
        var note = Assert.Single(result.Notes);
        Assert.Contains("encoded stream #0", note);
        Assert.Contains("#2 (1280x720", note);
    }

    [Fact]
    public async Task A_short_picture_in_picture_insert_in_mkv_loses_to_the_default_main_video()
    {
        var source = await clips.Probe(clips.ShortInsert);
        Assert.Equal((0, 640, 360), (source.Video.StreamIndex, source.Video.DisplayWidth, source.Video.DisplayHeight));
        var output = Path.Combine(clips.NewOutputFolder(), "pip.mp4");

        var result = await clips.Compress(clips.ShortInsert, output, new CompressionRequest { SizeFraction = 0.5 });

        Assert.Equal((640, 360), (result.Width, result.Height));
        Assert.Equal(10, result.DurationSeconds, 0.2);
        // Its one encode lands at 94.9 % of the ceiling, inside the band: with the band's floor at 95 % it paid a second
        // whole encode for 2.6 points (1.9 → 3.1 s).
        Assert.True(result.FinalPassRuns == 1, $"{result.FinalPassRuns} encodes, {result.Bytes} bytes");
    }

    [Fact]
    public async Task A_timecode_track_does_not_get_in_the_way()
    {
        var output = Path.Combine(clips.NewOutputFolder(), "timecode.mp4");

        var result = await clips.Compress(clips.Timecode, output, new CompressionRequest { SizeFraction = 0.5, Container = "webm", VideoCodec = "vp9" });

        Assert.Equal((640, 360, "vp9", "opus"), (result.Width, result.Height, result.VideoCodec, result.AudioCodec));
    }

    /// <summary>Runs the real ffmpeg in the background and sends it a signal once ffmpeg is writing its output file (the
    /// last argument) with its own handler installed, as a Ctrl+C in the terminal mid-encode would; a run that writes no
    /// file (a first pass) goes on untouched. A signal sent at once was sometimes lost (a background job of a
    /// non-interactive shell starts with SIGINT ignored) and otherwise killed the job before ffmpeg ran (exit 130): the
    /// test failed 1 run in 4 and never saw ffmpeg's own exit. One caught while ffmpeg still reads its inputs ends in
    /// ffmpeg's exit 1 with no word of a signal, which no one can tell from a failure.</summary>
    private static string SignalOnceFfmpegWritesItsOutput(string signal, int number) => $$"""
        for output; do :; done
        # Only this run's writing counts: a run before it may have left the output.
        [ "$output" = - ] || rm -f "$output"
        "$FFMPEG" "$@" &
        pid=$!
        caught() { [ $(( 0x$(sed -n 's/^SigCgt:[[:space:]]*//p' /proc/$pid/status 2>/dev/null || echo 0) & {{1L << (number - 1)}} )) -ne 0 ]; }
        while kill -0 $pid 2>/dev/null && ! { caught && [ -s "$output" ]; }; do sleep 0.01; done
        kill -{{signal}} $pid 2>/dev/null
        wait $pid
        """;

    /// <summary>Compresses the cover-first clip to half its size into 'wanted.mp4' in an empty folder, with ffmpeg run
    /// through <paramref name="script"/> (<see cref="GeneratedClips.EngineWithFfmpegScript"/>); the failure it must
    /// end in, and the folder.</summary>
    private async Task<(CompressionException Error, string Folder)> CompressionFailingWithFfmpegScript(string script, double? sizeFraction = 0.5)
    {
        var folder = clips.NewOutputFolder();
        var engine = await clips.EngineWithFfmpegScript(script);
        var error = await Assert.ThrowsAsync<CompressionException>(() => engine.CompressAsync(clips.CoverFirst,
            Path.Combine(folder, "wanted.mp4"), new CompressionRequest { SizeFraction = sizeFraction }, null, TestContext.Current.CancellationToken));
        return (error, folder);
    }

    /// <summary>A Ctrl+C in the terminal reaches ffmpeg too (it is in the same process group): its exit was taken for an
    /// encoder failure, which the server retries, so the interrupted job started over and ran to its end. ffmpeg run
    /// with <c>-v error</c> says nothing when a signal stops it and exits 255; a process killed outright exits 128 + N.</summary>
    [Theory]
    [InlineData("Ctrl+C caught by ffmpeg")]
    [InlineData("SIGTERM caught by ffmpeg")]
    [InlineData("SIGTERM before ffmpeg runs")]
    [InlineData("SIGKILL")]
    public async Task An_ffmpeg_stopped_by_a_signal_from_outside_is_an_interruption_not_an_encoder_failure(string how)
    {
        var (error, folder) = await CompressionFailingWithFfmpegScript(how switch
        {
            "Ctrl+C caught by ffmpeg" => SignalOnceFfmpegWritesItsOutput("INT", 2),
            "SIGTERM caught by ffmpeg" => SignalOnceFfmpegWritesItsOutput("TERM", 15),
            // A process killed outright (the out-of-memory killer, kill -9) exits 137: it was told as an encoder failure
            // that printed nothing.
            "SIGKILL" => "kill -KILL $$",
            // Not SIGINT or SIGHUP: a shell started in the background (nohup bash .ci/run &) passes them down ignored
            // (ToolOutcomeTests read those exits without a process).
            _ => "kill -TERM $$",
        },
        // One encode that writes its output from the start (a quality encode): under load, a signal caught while a pass 2
        // still read its first frames ended in ffmpeg's exit 1 ("Cannot determine format of input stream 0:1 after EOF").
        sizeFraction: null);

        Assert.True(error.ErrorId == "Nemo.Compression.Interrupted", error.Message);
        Assert.Equal(clips.CoverFirst, error.Target);
        Assert.Contains("stopped by a signal", error.Message);
        if (how.EndsWith("caught by ffmpeg", StringComparison.Ordinal))
        {
            Assert.Contains("(SIGINT or SIGTERM, caught by ffmpeg)", error.Message);
        }

        if (how is "SIGKILL")
        {
            Assert.Contains("(SIGKILL, signal 9)", error.Message);
            Assert.Equal("SIGKILL, signal 9", error.Signal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task An_ffmpeg_that_crashes_is_an_encoder_failure_that_names_the_signal()
    {
        var (error, folder) = await CompressionFailingWithFfmpegScript("kill -SEGV $$");

        Assert.Equal((CompressionFailure.EncoderFailed, clips.CoverFirst), (error.Kind, error.Target));
        Assert.Contains("ffmpeg crashed (SIGSEGV, signal 11)", error.Message);
        Assert.Equal("SIGSEGV, signal 11", error.Signal);
        Assert.Contains("wanted.mp4", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task An_ffmpeg_that_fails_without_a_word_says_so_rather_than_ending_on_a_colon()
    {
        var (error, _) = await CompressionFailingWithFfmpegScript("exit 1");

        Assert.Equal(CompressionFailure.EncoderFailed, error.Kind);
        Assert.EndsWith("and printed no reason.", error.Message);
    }

    /// <summary>A test's "ffmpeg" that ignored the signal meant for it exited 0 without writing: the engine threw a bare
    /// FileNotFoundException naming its temporary file.</summary>
    [Fact]
    public async Task An_ffmpeg_that_exits_0_without_writing_its_output_is_an_encoder_failure_naming_the_source()
    {
        var (error, folder) = await CompressionFailingWithFfmpegScript("exit 0");

        Assert.Equal((CompressionFailure.EncoderFailed, clips.CoverFirst), (error.Kind, error.Target));
        Assert.Contains("wrote no output", error.Message);
        Assert.Contains("wanted.mp4", error.Message);
        Assert.DoesNotContain(".partial", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task An_encoder_failure_names_the_source_and_the_requested_output_never_the_temporary_file()
    {
        var (error, folder) = await CompressionFailingWithFfmpegScript("for last; do :; done\necho \"$last: No space left on device\" >&2\nexit 1");

        Assert.Equal(CompressionFailure.EncoderFailed, error.Kind);
        Assert.DoesNotContain(".partial", error.Message);
        Assert.Contains("wanted.mp4", error.Message);
        Assert.Equal(clips.CoverFirst, error.Target);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    // --- Timestamps need not start at zero ---

    [Fact]
    public async Task Timestamps_that_start_at_10_s_give_the_length_of_the_content_not_its_end()
    {
        var source = await clips.Probe(clips.LateStart);

        Assert.Equal(4, source.DurationSeconds, 0.1);
        Assert.Equal(10, source.StartSeconds, 0.1);
    }

    [Fact]
    public async Task Keeping_the_last_2_seconds_of_a_late_starting_clip_trims_from_its_first_frame_and_fills_the_budget()
    {
        var source = await clips.Probe(clips.LateStart);
        // Below the last 2 s's share of the source, so the engine must squeeze rather than copy.
        var ceiling = source.SizeBytes / 4;
        var output = Path.Combine(clips.NewOutputFolder(), "last2.mp4");

        var result = await clips.Compress(clips.LateStart, output,
            new CompressionRequest { MaxBytes = ceiling, TrimStart = TimeSpan.FromSeconds(source.DurationSeconds - 2) });

        Assert.Equal(2, result.DurationSeconds, 0.15);
        Assert.InRange(result.Bytes, (long)(ceiling * 0.9), ceiling);
    }

    [Fact]
    public async Task A_trim_window_past_the_last_video_frame_is_refused_before_any_encode()
    {
        var source = await clips.Probe(clips.AudioOutlastsPicture);
        Assert.Equal(4, source.DurationSeconds, 0.1);
        var folder = clips.NewOutputFolder();

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Compress(clips.AudioOutlastsPicture,
            Path.Combine(folder, "late.mp4"), new CompressionRequest { MaxBytes = 100_000, TrimStart = TimeSpan.FromSeconds(3) }));

        Assert.Equal(CompressionFailure.InvalidRequest, error.Kind);
        Assert.Contains("no video frames", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    // --- Containers without duration metadata ---

    [Fact]
    public async Task A_media_recorder_webm_without_duration_or_cues_is_measured_from_its_packets()
    {
        var source = await clips.Probe(clips.Recorder);

        Assert.True(source.DurationMeasured);
        Assert.Equal(3, source.DurationSeconds, 0.1);
        Assert.InRange(source.Video.FrameCount ?? 0, 88, 92);
    }

    [Fact]
    public async Task A_media_recorder_webm_is_compressed_under_its_ceiling()
    {
        var source = await clips.Probe(clips.Recorder);
        var ceiling = source.SizeBytes / 2;
        var output = Path.Combine(clips.NewOutputFolder(), "recorder.mp4");

        var result = await clips.Compress(clips.Recorder, output, new CompressionRequest { MaxBytes = ceiling });

        Assert.Equal(3, result.DurationSeconds, 0.15);
        Assert.InRange(result.Bytes, (long)(ceiling * 0.9), ceiling);
    }

    [Fact]
    public void Packets_without_timestamps_measure_nothing_and_the_others_give_first_and_end()
    {
        Assert.Null(PacketTimeline.Parse("0,N/A,N/A,N/A\n0,N/A,N/A,0.033\n", 0, 1));

        var timeline = PacketTimeline.Parse("1,9.977,9.977,0.023\n0,10.000,N/A,0.033\n0,10.033,10.0,0.033\n2,50,50,1\n", 0, 1)!;

        Assert.Equal((9.977, 10.066, 2L), (timeline.FirstSeconds, Math.Round(timeline.VideoEndSeconds, 3), timeline.VideoPackets));
        Assert.Equal(0.089, timeline.DurationSeconds, 3);
    }

    // --- Files that are not videos ---

    [Theory]
    [InlineData("audio-only.mp4", "only audio")]
    [InlineData("still.mp4", "still image")]
    [InlineData("photo.mp4", "still image")]
    [InlineData("truncated.mp4", "'moov' box) is missing")]
    [InlineData("notes.mp4", "not a media file")]
    public async Task A_file_that_is_not_a_video_is_refused_for_what_it_is(string name, string reason)
    {
        var path = Path.Combine(clips.Directory, name);

        var error = await Assert.ThrowsAsync<CompressionException>(() => clips.Probe(path));

        Assert.Equal(CompressionFailure.NotMedia, error.Kind);
        Assert.Contains(reason, error.Message);
        Assert.Contains(name, error.Message);
        Assert.DoesNotContain(clips.Directory, error.Reason);
    }

    // --- Very short clips ---

    [Fact]
    public async Task A_nine_frame_clip_fills_a_100_KB_ceiling()
    {
        var source = await clips.Probe(clips.NineFrames);
        Assert.Equal((9L, 0.3), (source.Video.FrameCount ?? 0, Math.Round(source.DurationSeconds, 1)));
        const long ceiling = 100_000;
        Assert.True(source.SizeBytes > ceiling, $"the fixture clip must be larger than the ceiling ({source.SizeBytes:N0} bytes)");
        var output = Path.Combine(clips.NewOutputFolder(), "short.mp4");

        var result = await clips.Compress(clips.NineFrames, output, new CompressionRequest { MaxBytes = ceiling });

        Assert.Equal(CompressionStrategy.SizeSearch, result.Strategy);
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
        Assert.Equal(0.3, result.DurationSeconds, 0.05);
    }

    // Each encode costs about as much as the peers' whole two-pass run on such a clip, so the search must converge, not
    // creep (bisection took 8 and 7 encodes for the first two cases). Heavy noise has cliffs where one CRF unit halves the
    // size, so it may take more, but never more than the search's bound of 12.
    [Theory]
    [InlineData("nine-frames.mp4", 50_000, 4)]
    [InlineData("nine-frames.mp4", 100_000, 6)]
    [InlineData("nine-frames-heavy-noise.mp4", 100_000, 12)]
    [InlineData("nine-frames-heavy-noise.mp4", 50_000, 12)]
    [InlineData("forty-five-frames-heavy-noise.mp4", 200_000, 12)]
    public async Task A_very_short_clip_fills_its_ceiling_to_at_least_95_percent(string name, long ceiling, int maximumEncodes)
    {
        var output = Path.Combine(clips.NewOutputFolder(), "short.mp4");

        var result = await clips.Compress(Path.Combine(clips.Directory, name), output, new CompressionRequest { MaxBytes = ceiling });

        Assert.True(result.Bytes >= ceiling * CompressionEngine.MinimumFill && result.Bytes <= ceiling,
            $"{result.Bytes} bytes of {ceiling} ({result.Strategy}, {result.Width}x{result.Height}, {result.VideoCodec}/{result.AudioCodec})");
        Assert.True(result.FinalPassRuns <= maximumEncodes, $"{result.FinalPassRuns} encodes to reach {result.Bytes} bytes of {ceiling}");
    }

    [Fact]
    public async Task A_nine_frame_clip_to_h265_without_audio_fills_a_60_KB_ceiling_too()
    {
        const long ceiling = 60_000;
        var output = Path.Combine(clips.NewOutputFolder(), "short-hevc.mp4");

        var result = await clips.Compress(clips.NineFrames, output,
            new CompressionRequest { MaxBytes = ceiling, VideoCodec = "h265", RemoveAudio = true });

        Assert.Equal((CompressionStrategy.SizeSearch, "hevc", null), (result.Strategy, result.VideoCodec, result.AudioCodec));
        Assert.InRange(result.Bytes, (long)(ceiling * CompressionEngine.MinimumFill), ceiling);
    }

    private async Task<List<string>> Ffprobe(string path)
    {
        var outcome = await ToolProcess.RunAsync(clips.RequireTools().FfprobePath,
            ["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", path], null, TestContext.Current.CancellationToken);
        return outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
