using System.Globalization;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;
using static NemoVideo.LocalServer.Tests.Agent.InterpreterSamples;

namespace NemoVideo.LocalServer.Tests.Agent;

/// <summary>
/// Issue 9 review: time phrases read as sizes, trims at both ends, and requests that were ignored behind "Done".
/// A reply states exactly what will be done and plainly what will not.
/// </summary>
public class TimeAndSizeWordsTests
{
    // A 5-minute clip, so a trim in minutes keeps less than the whole video.
    private static readonly MediaItem LongClip = Clip with { DurationMs = 300_000 };

    // ---- 1. time phrases are times, never sizes ----

    [Theory]
    [InlineData("keep the first half second", 0L, 500L, "keep 0:00–0:00.5")]
    [InlineData("keep the first half a second", 0L, 500L, "keep 0:00–0:00.5")]
    [InlineData("remove the first half a second", 500L, null, "keep 0:00.5–0:08")]
    [InlineData("remove the first half second", 500L, null, "keep 0:00.5–0:08")]
    [InlineData("remove the first .5 seconds", 500L, null, "keep 0:00.5–0:08")]
    [InlineData("remove the first 0,5 seconds", 500L, null, "keep 0:00.5–0:08")]
    [InlineData("cut the last half a second", 0L, 7_500L, "keep 0:00–0:07.5")]
    [InlineData("前0.5秒不要", 500L, null, "保留 0:00.5–0:08")]
    [InlineData("开头2秒不要", 2_000L, null, "保留 0:02–0:08")]
    [InlineData("不要前0.5秒", 500L, null, "保留 0:00.5–0:08")]
    [InlineData("去掉前半秒", 500L, null, "保留 0:00.5–0:08")]
    [InlineData("最后1秒不要", 0L, 7_000L, "保留 0:00–0:07")]
    public void A_time_phrase_is_a_trim_and_never_a_size(string instruction, long start, long? end, string reply)
    {
        var result = Applied(instruction);

        Assert.Equal((start, end), (result.Settings.TrimStartMs ?? 0, result.Settings.TrimEndMs));
        Assert.Null(result.Settings.SizeFraction);
        Assert.Null(result.Settings.MaxBytes);
        Assert.Contains(reply, result.Reply);
    }

    [Theory]
    [InlineData("trim to the first 1m", 0L, 60_000L, "keep 0:00–1:00")]
    [InlineData("keep the first 2m", 0L, 120_000L, "keep 0:00–2:00")]
    [InlineData("cut the last 1m", 0L, 240_000L, "keep 0:00–4:00")]
    [InlineData("keep the first half minute", 0L, 30_000L, "keep 0:00–0:30")]
    public void After_trim_words_m_means_minutes(string instruction, long start, long? end, string reply)
    {
        var result = Applied(instruction, LongClip);

        Assert.Equal((start, end), (result.Settings.TrimStartMs ?? 0, result.Settings.TrimEndMs));
        Assert.Null(result.Settings.MaxBytes);
        Assert.Contains(reply, result.Reply);
    }

    [Theory]
    [InlineData("compress to 10m", 10_000_000L)]
    [InlineData("under 10m and keep the first 1m", 10_000_000L)]
    public void Without_trim_words_m_is_still_megabytes(string instruction, long bytes) =>
        Assert.Equal(bytes, Applied(instruction, LongClip).Settings.MaxBytes);

    [Theory]
    [InlineData("half the size")]
    [InlineData("compress by half")]
    [InlineData("make it half as big")]
    [InlineData("压缩到一半")]
    public void Half_with_size_words_is_still_half_the_size(string instruction) =>
        Assert.Equal(0.5, Applied(instruction).Settings.SizeFraction);

    [Fact]
    public void The_first_half_of_the_video_is_not_half_the_size()
    {
        var result = Read("compress the first half of the video");

        Assert.Null(result.Settings.SizeFraction);
        Assert.DoesNotContain("50%", result.Reply);
    }

    // ---- 2. trims at both ends ----

    [Theory]
    [InlineData("drop the first 2 seconds and the last 1 second", "keep 0:02–0:07")]
    [InlineData("trim off the first 2 seconds and the last 1 second", "keep 0:02–0:07")]
    [InlineData("remove the last 1 second and the first 2 seconds", "keep 0:02–0:07")]
    [InlineData("cut 2s from start and 1s from end", "keep 0:02–0:07")]
    [InlineData("cut 2s from the beginning and 1s from the end", "keep 0:02–0:07")]
    [InlineData("剪掉开头2秒和结尾1秒", "保留 0:02–0:07")]
    [InlineData("去掉前2秒和最后1秒", "保留 0:02–0:07")]
    public void Trims_at_both_ends_keep_the_middle(string instruction, string reply)
    {
        var result = Applied(instruction);

        Assert.Equal((2_000L, (long?)7_000), (result.Settings.TrimStartMs!.Value, result.Settings.TrimEndMs));
        Assert.Contains(reply, result.Reply);
    }

    [Fact]
    public void Trims_at_both_ends_that_meet_keep_nothing_and_are_declined()
    {
        var result = Read("trim off the first 5 seconds and the last 4 seconds");

        Assert.False(result.IsApplied);
        Assert.DoesNotContain("Done", result.Reply);
        Assert.Contains("keeps nothing", result.Reply);
    }

    [Fact]
    public void Cut_1s_from_start_and_1s_from_end()
    {
        var result = Applied("cut 1s from start and 1s from end");

        Assert.Equal((1_000L, (long?)7_000), (result.Settings.TrimStartMs!.Value, result.Settings.TrimEndMs));
        Assert.Contains("keep 0:01–0:07", result.Reply);
    }

    // ---- 3. sizes in bits, factors, impossible sizes, and kept ranges ----

    [Theory]
    [InlineData("compress to 10 megabits", 1_250_000L)]
    [InlineData("compress to ten megabits", 1_250_000L)]
    [InlineData("under 80 mbit", 10_000_000L)]
    [InlineData("at most 800 kilobits", 100_000L)]
    [InlineData("under 1 gigabit", 125_000_000L)]
    public void A_size_in_bits_is_read_as_bits(string instruction, long bytes)
    {
        var result = Applied(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Contains($"at most {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes", result.Reply);
    }

    [Theory]
    [InlineData("compress by 3x")]
    [InlineData("compress it 3x")]
    [InlineData("shrink it by 3 times")]
    [InlineData("3x smaller")]
    [InlineData("reduce the size by a factor of 3")]
    [InlineData("压缩3倍")]
    public void A_factor_is_that_share_of_the_source(string instruction)
    {
        var result = Applied(instruction);

        Assert.Equal(0.3333, result.Settings.SizeFraction);
        Assert.Null(result.Settings.MaxBytes);
    }

    [Theory]
    [InlineData("compress to 1 byte", "1 bytes is too small")]
    [InlineData("under 5 KB", "5,000 bytes is too small")]
    [InlineData("压缩到1字节", "太小")]
    public void A_ceiling_too_small_for_any_video_is_refused_plainly(string instruction, string reply)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied);
        Assert.Null(result.Settings.MaxBytes);
        Assert.DoesNotContain("Done", result.Reply);
        Assert.Contains(reply, result.Reply);
    }

    [Fact]
    public void The_smallest_ceiling_accepted_is_10_KB() =>
        Assert.Equal(10_000, Applied("under 10 KB").Settings.MaxBytes);

    [Theory]
    [InlineData("keep 1-3s", 1_000L, 3_000L, "keep 0:01–0:03")]
    [InlineData("keep 1 - 3 seconds", 1_000L, 3_000L, "keep 0:01–0:03")]
    [InlineData("keep seconds 2 through 4", 2_000L, 4_000L, "keep 0:02–0:04")]
    [InlineData("keep from 1.5 to 3.5", 1_500L, 3_500L, "keep 0:01.5–0:03.5")]
    [InlineData("only keep 2 to 4 seconds", 2_000L, 4_000L, "keep 0:02–0:04")]
    [InlineData("截取2到4秒", 2_000L, 4_000L, "保留 0:02–0:04")]
    [InlineData("保留2-4秒", 2_000L, 4_000L, "保留 0:02–0:04")]
    public void A_kept_range_is_read(string instruction, long start, long end, string reply)
    {
        var result = Applied(instruction);

        Assert.Equal((start, (long?)end), (result.Settings.TrimStartMs!.Value, result.Settings.TrimEndMs));
        Assert.Contains(reply, result.Reply);
    }

    // A fresh-eyes review found these read backwards: the words naming the part to remove were kept as a trim.
    [Theory]
    [InlineData("skip the intro (first 2 seconds)")]
    [InlineData("remove 1s-2s")]
    [InlineData("cut from 1.5s to 2.5s")]
    [InlineData("delete seconds 1 to 2")]
    public void A_part_to_remove_that_is_not_the_start_or_end_is_declined_not_kept(string instruction)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied, $"'{instruction}' was applied: {result.Reply}");
        Assert.Contains("keep 0:02 to 0:04", result.Reply);
    }

    [Theory]
    [InlineData("remove the first 2 seconds", 2_000L, null)]
    [InlineData("cut to 0:01-0:03", 1_000L, 3_000L)]
    [InlineData("remove the audio and keep the first 3 seconds", 0L, 3_000L)]
    public void Removing_the_start_and_keeping_a_part_still_read_as_before(string instruction, long start, long? end)
    {
        var result = Applied(instruction);

        Assert.Equal(start, result.Settings.TrimStartMs);
        Assert.Equal(end, result.Settings.TrimEndMs);
    }

    [Theory]
    [InlineData("前一半")]
    [InlineData("保留后一半")]
    public void The_first_or_last_half_is_not_half_the_size(string instruction)
    {
        var result = Read(instruction);

        Assert.Null(result.Settings.SizeFraction);
    }
}
