using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Planning decisions, checked on described sources without running ffmpeg.</summary>
public sealed class PlannerTests
{
    private static MediaInfo Source(int width = 1920, int height = 1080, double seconds = 30, long bytes = 100_000_000,
        int channels = 2, string codec = "h264", string pixelFormat = "yuv420p", int rotation = 0) => new()
    {
        Path = "/videos/source.mp4",
        SizeBytes = bytes,
        DurationSeconds = seconds,
        FormatName = "mov,mp4,m4a,3gp,3g2,mj2",
        Video = new VideoStreamInfo
        {
            Codec = codec, CodedWidth = width, CodedHeight = height, PixelFormat = pixelFormat, FrameRate = 30, Rotation = rotation,
        },
        Audio = new AudioStreamInfo { Codec = "aac", Channels = channels, SampleRate = 48000, BitRate = 192_000 },
    };

    [Fact]
    public void A_generous_budget_keeps_the_source_resolution()
    {
        var plan = CompressionPlanner.Plan(Source(), new CompressionRequest { MaxBytes = 50_000_000 });

        Assert.Equal((1920, 1080), (plan.Width, plan.Height));
        Assert.Equal(128_000, plan.Audio!.BitsPerSecond);
        Assert.False(plan.TryQualityFirst);
    }

    [Fact]
    public void A_small_budget_steps_down_the_ladder_and_keeps_the_aspect_ratio()
    {
        var plan = CompressionPlanner.Plan(Source(), new CompressionRequest { MaxBytes = 2_000_000 });

        Assert.True(plan.Height < 1080);
        Assert.Equal(16.0 / 9, plan.Width / (double)plan.Height, 0.02);
        Assert.True(plan.Budget!.VideoBitsPerSecond / (plan.Width * (double)plan.Height * 30) >= ResolutionLadder.MinimumBitsPerPixelH264
            || plan.Height == 144);
    }

    [Fact]
    public void The_budget_pays_for_audio_and_container_before_video()
    {
        var plan = CompressionPlanner.Plan(Source(), new CompressionRequest { MaxBytes = 10_000_000 });

        var budget = plan.Budget!;
        Assert.Equal(plan.Audio!.BitsPerSecond * 30 / 8, budget.AudioBytes);
        Assert.True(budget.OverheadBytes > 16 * 900, "at least 16 bytes for each of 900 video frames");
        var plannedBytes = (budget.VideoBitsPerSecond * 30 / 8) + budget.NonVideoBytes;
        // Aimed at 97.5 %, in the accepted band [93 %, 100 %] and nearer its top.
        Assert.InRange(plannedBytes, 9_700_000, 9_800_000);
    }

    [Fact]
    public void Surround_sound_is_downmixed_and_a_starved_budget_goes_mono()
    {
        var roomy = CompressionPlanner.Plan(Source(channels: 6), new CompressionRequest { MaxBytes = 20_000_000 });
        var starved = CompressionPlanner.Plan(Source(channels: 6), new CompressionRequest { MaxBytes = 500_000 });

        Assert.Equal(2, roomy.Audio!.Channels);
        Assert.Equal((1, 32_000), (starved.Audio!.Channels, starved.Audio.BitsPerSecond));
    }

    [Fact]
    public void Absolute_and_relative_ceilings_combine_to_the_smaller()
    {
        var plan = CompressionPlanner.Plan(Source(bytes: 100_000_000), new CompressionRequest { MaxBytes = 40_000_000, SizeFraction = 0.3 });

        Assert.Equal(30_000_000, plan.CeilingBytes);
    }

    [Fact]
    public void A_box_fits_a_portrait_clip_without_upscaling()
    {
        var rotated = Source(rotation: 90);

        var box = CompressionPlanner.Plan(rotated, new CompressionRequest { Width = 1280, Height = 720 });
        var shortSide = CompressionPlanner.Plan(rotated, new CompressionRequest { Height = 720 });
        var larger = CompressionPlanner.Plan(rotated, new CompressionRequest { Width = 4000, Height = 4000 });

        Assert.Equal((404, 720), (box.Width, box.Height));
        Assert.Equal((720, 1280), (shortSide.Width, shortSide.Height));
        Assert.Equal((1080, 1920), (larger.Width, larger.Height));
    }

    [Fact]
    public void A_source_that_already_fits_is_remuxed_or_quality_encoded_first()
    {
        var plan = CompressionPlanner.Plan(Source(bytes: 5_000_000), new CompressionRequest { MaxBytes = 50_000_000 });

        Assert.True(plan.CanRemux);
        Assert.True(plan.TryQualityFirst);
        Assert.Equal(5_000_000, plan.CapBytes);
    }

    [Theory]
    [InlineData("webm", "h264", "vp9")]
    [InlineData("mp4", "h265", "hevc")]
    [InlineData("mov", "h264", "h264")]
    [InlineData("MP4", "HEVC", "hevc")]
    public void Container_and_codec_words_map_to_an_encoder(string container, string codec, string expectedCodec)
    {
        var plan = CompressionPlanner.Plan(Source(), new CompressionRequest { Container = container, VideoCodec = codec });

        Assert.Equal(expectedCodec, FormatChoice.ProbeName(plan.Codec));
    }

    [Fact]
    public void Ten_bit_or_other_codecs_are_not_remuxed()
    {
        Assert.False(CompressionPlanner.Plan(Source(pixelFormat: "yuv420p10le", bytes: 5_000_000), new CompressionRequest { MaxBytes = 9_000_000 }).CanRemux);
        Assert.False(CompressionPlanner.Plan(Source(codec: "mpeg4", bytes: 5_000_000), new CompressionRequest { MaxBytes = 9_000_000 }).CanRemux);
    }

    [Theory]
    [InlineData(40.0, null, null)]
    [InlineData(5.0, 4.0, null)]
    [InlineData(null, null, -1.0)]
    public void Impossible_trims_and_sizes_are_invalid_requests(double? trimStart, double? trimEnd, double? fraction)
    {
        var request = new CompressionRequest
        {
            TrimStart = trimStart is null ? null : TimeSpan.FromSeconds(trimStart.Value),
            TrimEnd = trimEnd is null ? null : TimeSpan.FromSeconds(trimEnd.Value),
            SizeFraction = fraction,
        };

        var error = Assert.Throws<CompressionException>(() => CompressionPlanner.Plan(Source(), request));

        Assert.Equal(CompressionFailure.InvalidRequest, error.Kind);
    }

    [Theory]
    [InlineData("avi", "h264")]
    [InlineData("mp4", "av1")]
    [InlineData("mov", "vp9")]
    public void Unsupported_containers_and_codecs_are_invalid_requests(string container, string codec)
    {
        var error = Assert.Throws<CompressionException>(() =>
            CompressionPlanner.Plan(Source(), new CompressionRequest { Container = container, VideoCodec = codec }));

        Assert.Equal("Nemo.Compression.InvalidRequest", error.ErrorId);
    }

    [Fact]
    public void A_budget_with_nothing_left_for_the_picture_is_infeasible()
    {
        var error = Assert.Throws<CompressionException>(() => CompressionPlanner.Plan(Source(), new CompressionRequest { MaxBytes = 100_000 }));

        Assert.Equal(CompressionFailure.Infeasible, error.Kind);
        Assert.Contains("remove the audio", error.Message);
    }

    /// <summary>A reviewer's 1 s picture under 60 s of sound at 150 kB was refused: the container's cost was counted for
    /// 47 sound packets a second, while the 24 kHz sound the plan chose writes half as many.</summary>
    [Fact]
    public void A_sound_resampled_to_24_kHz_is_charged_for_the_packets_it_writes()
    {
        var plan = CompressionPlanner.Plan(Source(seconds: 60) with { VideoEndSeconds = 1 }, new CompressionRequest { MaxBytes = 150_000 });

        Assert.Equal((16_000, 1, (int?)24_000), (plan.Audio!.BitsPerSecond, plan.Audio.Channels, plan.Audio.SampleRate));
        Assert.Equal(1, plan.PictureSeconds, 0.01);
        Assert.InRange(plan.Budget!.OverheadBytes, 4_096, 4_096 + (30 * 16) + (60 * 24 * 8));
    }

    /// <summary>One 720p frame under 20 s of sound at 150 kB: with the sound at a fixed 12 % of the ceiling (32 kbit/s mono)
    /// the frame was given 60 kB and the size search went down to CRF 1 for it. The picture gets the share a whole-length
    /// picture gets per second of picture, and the sound the rest.</summary>
    [Theory]
    [InlineData(1.0 / 30, 48_000)]
    [InlineData(20.0, 32_000)]
    public void A_picture_shorter_than_its_sound_leaves_the_sound_the_share_it_does_not_need(double pictureSeconds, int audioBitsPerSecond)
    {
        var plan = CompressionPlanner.Plan(Source(width: 1280, height: 720, seconds: 20) with { VideoEndSeconds = pictureSeconds },
            new CompressionRequest { MaxBytes = 150_000 });

        Assert.Equal(audioBitsPerSecond, plan.Audio!.BitsPerSecond);
        Assert.True(plan.Budget!.VideoBitsPerSecond * pictureSeconds / 8 > 10_000, $"the picture has {plan.Budget.VideoBitsPerSecond * pictureSeconds / 8:N0} bytes");
    }

    /// <summary>A reviewer's 2 s picture under 20 s of sound: at 25 % of its source the sound took 96 kbit/s and the
    /// container's cost came out of the picture (42 kbit/s, SSIM 0.894), where 20 % had given it 190 kbit/s (0.954). Across
    /// ceilings the picture now keeps at least three quarters of the ceiling's rate per second of picture, unless the sound
    /// is already at the ladder's floor (32 kbit/s; below it the sound gives way only to make a ceiling feasible).</summary>
    [Fact]
    public void A_picture_shorter_than_its_sound_keeps_its_share_at_every_ceiling()
    {
        var source = Source(width: 1280, height: 720, seconds: 20, bytes: 1_000_000) with { VideoEndSeconds = 2 };
        foreach (var ceiling in Enumerable.Range(10, 60).Select(kilobytes => kilobytes * 10_000L))
        {
            var plan = CompressionPlanner.Plan(source, new CompressionRequest { MaxBytes = ceiling });

            Assert.True(plan.Budget!.VideoBitsPerSecond >= 0.75 * ceiling * 8 / 20 || plan.Audio!.BitsPerSecond == 32_000,
                $"at {ceiling:N0} bytes the picture gets {plan.Budget.VideoBitsPerSecond:N0} bit/s beside {plan.Audio!.BitsPerSecond:N0} bit/s of sound");
        }
    }

    [Fact]
    public void Removing_the_sound_of_a_one_picture_song_video_is_refused_before_any_encode()
    {
        var source = Source(seconds: 20) with { VideoEndSeconds = 1.0 / 30 };

        var error = Assert.Throws<CompressionException>(() => CompressionPlanner.Plan(source, new CompressionRequest { MaxBytes = 100_000, RemoveAudio = true }));

        Assert.Equal((CompressionFailure.InvalidRequest, source.Path), (error.Kind, error.Target));
        Assert.Contains("one picture under its sound", error.Message);
        Assert.DoesNotContain("partial", error.Message);
    }

    /// <summary>The refusal spoke of "60 seconds of video" for 1 s of picture under 60 s of sound.</summary>
    [Fact]
    public void An_infeasible_budget_for_a_picture_shorter_than_its_sound_says_how_much_is_picture()
    {
        var error = Assert.Throws<CompressionException>(() =>
            CompressionPlanner.Plan(Source(seconds: 60) with { VideoEndSeconds = 1 }, new CompressionRequest { MaxBytes = 100_000 }));

        Assert.Equal(CompressionFailure.Infeasible, error.Kind);
        Assert.Contains("60 seconds of sound with 1 second of picture", error.Message);
        Assert.Contains("nothing for the picture", error.Message);
        var smallest = long.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"at least ([\d,]+) bytes").Groups[1].Value.Replace(",", ""));
        var plan = CompressionPlanner.Plan(Source(seconds: 60) with { VideoEndSeconds = 1 }, new CompressionRequest { MaxBytes = smallest });
        Assert.True(plan.Budget!.VideoBitsPerSecond >= BudgetCalculator.MinimumVideoBitsPerSecond);
    }

    [Fact]
    public void An_infeasible_budget_for_a_clip_without_audio_does_not_advise_removing_the_audio()
    {
        var error = Assert.Throws<CompressionException>(() => CompressionPlanner.Plan(Source() with { Audio = null }, new CompressionRequest { MaxBytes = 20_000 }));

        Assert.Equal(CompressionFailure.Infeasible, error.Kind);
        Assert.DoesNotContain("remove the audio", error.Message);
        Assert.DoesNotContain("..", error.Message);
    }

    [Fact]
    public void An_overshoot_lowers_the_next_bitrate_in_proportion()
    {
        var budget = new BitrateBudget(CapBytes: 1_000_000, AudioBytes: 100_000, OverheadBytes: 10_000, VideoBitsPerSecond: 1_000_000);

        var next = new SizeCorrection(budget).NextVideoBitsPerSecond(1_000_000, actualBytes: 1_050_000);

        Assert.Equal(1_000_000 * ((1_000_000 * BudgetCalculator.AimFill) - 110_000) / 940_000, next, 1.0);
    }

    /// <summary>A static slide show's video part grew by a third of each bitrate step: proportional corrections kept
    /// landing short. The second correction follows the response the two runs measured.</summary>
    [Fact]
    public void A_second_correction_follows_how_the_size_actually_responded()
    {
        var budget = new BitrateBudget(CapBytes: 1_000_000, AudioBytes: 100_000, OverheadBytes: 10_000, VideoBitsPerSecond: 1_000_000);
        var correction = new SizeCorrection(budget);
        var wantedVideo = (1_000_000 * BudgetCalculator.AimFill) - 110_000;

        var first = correction.NextVideoBitsPerSecond(1_000_000, actualBytes: 110_000 + 700_000);
        // The video part moved by a third of the bitrate change (in logs): 700,000 → 700,000 × (first / 1,000,000)^(1/3).
        var secondVideo = 700_000 * Math.Pow(first / 1_000_000.0, 1.0 / 3);
        var second = correction.NextVideoBitsPerSecond(first, actualBytes: 110_000 + (long)secondVideo);

        Assert.Equal(1_000_000 * wantedVideo / 700_000, first, 1.0);
        Assert.Equal(first * Math.Pow(wantedVideo / secondVideo, 3), second, first * 0.001);
    }

    [Fact]
    public void A_correction_never_steps_past_a_cube_of_the_miss()
    {
        var budget = new BitrateBudget(CapBytes: 1_000_000, AudioBytes: 0, OverheadBytes: 0, VideoBitsPerSecond: 1_000_000);
        var correction = new SizeCorrection(budget);

        var first = correction.NextVideoBitsPerSecond(1_000_000, actualBytes: 900_000);
        // A second run whose size did not move at all would otherwise ask for an unbounded step.
        var second = correction.NextVideoBitsPerSecond(first, actualBytes: 900_000);

        Assert.Equal(first * Math.Pow(975_000 / 900_000.0, 3), second, first * 0.001);
    }

    /// <summary>A reviewer's blue picture under 192 kbit/s audio, 60 s at a 1,000,000-byte ceiling: the audio estimate
    /// left the video part about one byte, and the corrections asked for 60,984,360,591 and then 2^63 bits/s, which ffmpeg
    /// refused. No correction moves more than 8× from the run it corrects.</summary>
    [Fact]
    public void A_video_part_of_a_few_bytes_never_asks_for_more_than_eight_times_the_bitrate()
    {
        var budget = new BitrateBudget(CapBytes: 1_000_000, AudioBytes: 240_000, OverheadBytes: 12_000, VideoBitsPerSecond: 90_173);
        var correction = new SizeCorrection(budget);

        var bitrate = 90_173L;
        foreach (var _ in Enumerable.Range(0, 4))
        {
            var next = correction.NextVideoBitsPerSecond(bitrate, actualBytes: 252_001);
            Assert.InRange(next, bitrate, (bitrate * 8) + 1);
            bitrate = next;
        }

        // And a run far over the cap steps down by at most 8× too.
        Assert.InRange(new SizeCorrection(budget).NextVideoBitsPerSecond(8_000_000, actualBytes: 900_000_000), 999_999, 8_000_000);
    }

    /// <summary>The reviewer's 90 noisy frames, one pass: 147 % of the cap, then 71 %, then 112 % (the secant through the
    /// last two runs had stepped past the cap). With one run over and one under, the next bitrate lies between them,
    /// on the secant through that bracket.</summary>
    [Fact]
    public void Once_one_run_is_over_and_one_under_the_next_bitrate_lies_between_them()
    {
        var budget = new BitrateBudget(CapBytes: 1_334_796, AudioBytes: 0, OverheadBytes: 0, VideoBitsPerSecond: 3_455_929);
        var correction = new SizeCorrection(budget);

        var second = correction.NextVideoBitsPerSecond(3_455_929, actualBytes: 1_961_693);
        Assert.False(correction.Bracketed);
        var third = correction.NextVideoBitsPerSecond(second, actualBytes: 947_114);
        Assert.True(correction.Bracketed);
        var fourth = correction.NextVideoBitsPerSecond(third, actualBytes: 1_496_437);

        Assert.InRange(third, second, 3_455_929);
        Assert.InRange(fourth, second, third);
        // The secant through the bracket (second: 947,114 bytes; third: 1,496,437) reaches the band's middle here:
        var response = Math.Log(1_496_437.0 / 947_114) / Math.Log((double)third / second);
        var expected = third * Math.Exp(Math.Log(1_334_796 * BudgetCalculator.AimFill / 1_496_437) / response);
        Assert.Equal(expected, fourth, expected * 0.001);
    }

    [Fact]
    public void A_prediction_past_either_end_of_the_bracket_is_kept_inside_it()
    {
        var budget = new BitrateBudget(CapBytes: 1_000_000, AudioBytes: 0, OverheadBytes: 0, VideoBitsPerSecond: 1_000_000);
        var correction = new SizeCorrection(budget);

        correction.NextVideoBitsPerSecond(1_000_000, actualBytes: 1_500_000);
        // Under the cap at a lower bitrate, but barely moved: the secant would step back above 1,000,000 bits/s.
        var next = correction.NextVideoBitsPerSecond(900_000, actualBytes: 600_000);

        Assert.InRange(next, 900_000, 1_000_000);
        Assert.True(next <= 900_000 * Math.Pow(1_000_000 / 900_000.0, 0.9) + 1, $"{next} is not kept a tenth of the bracket from its top");
    }
}
