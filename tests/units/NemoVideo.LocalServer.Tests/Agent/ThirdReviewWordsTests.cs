using NemoVideo.LocalServer.Agent;
using static NemoVideo.LocalServer.Tests.Agent.InterpreterSamples;

namespace NemoVideo.LocalServer.Tests.Agent;

/// <summary>
/// Issue 9's third review of the words (clip = 8 s, 20 MB): parts misread or dropped, one impossible part cancelling
/// the rest, requests silently defaulted, impossible lengths reported as done, contradictory replies, Chinese removal
/// phrasing, negative sizes, English in Chinese replies, unsupported requests named, bits vs bytes, platforms named
/// with a size.
/// </summary>
public class ThirdReviewWordsTests
{
    // ---- A: parts misread or dropped ----

    [Theory]
    [InlineData("remove the first 0.5 seconds, keep until 0:05", 500, 5_000L)]
    [InlineData("cut the first 1 second and keep the first 6 seconds", 1_000, 6_000L)]
    [InlineData("start at 0:01 and cut the last 2 seconds", 1_000, 6_000L)]
    public void A_start_and_an_end_from_two_phrases_are_both_kept(string instruction, long start, long? end)
    {
        var result = Applied(instruction);

        Assert.Equal((start, end), (result.Settings.TrimStartMs ?? 0, result.Settings.TrimEndMs));
        Assert.DoesNotContain("Not done", result.Reply);
    }

    [Theory]
    [InlineData("compress to 2MB, actually make it 1MB", 1_000_000, "2 MB")]
    [InlineData("compress to 1MB, actually make it 2MB", 2_000_000, "1 MB")]
    [InlineData("under 5 mb, no wait, 8 mb", 8_000_000, "5 MB")]
    [InlineData("压缩到2MB，不对，改成3MB", 3_000_000, "2 MB")]
    public void A_corrected_size_takes_the_later_one_and_says_so(string instruction, long bytes, string replaced)
    {
        var result = Applied(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Contains(replaced, result.Reply);
    }

    [Theory]
    [InlineData("压缩到两兆半", 2_500_000)]
    [InlineData("压缩到一兆半", 1_500_000)]
    [InlineData("压缩到两个半G", 2_500_000_000)]
    [InlineData("压缩到3mb半", 3_500_000)]
    public void A_chinese_size_and_a_half_is_read(string instruction, long bytes) =>
        Assert.Equal(bytes, Apply(instruction).MaxBytes);

    // ---- B: one impossible part no longer cancels the rest ----

    [Theory]
    [InlineData("compress to 10 megabytes and make it 60fps and convert to gif", "GIF")]
    [InlineData("compress to 10MB and add music", "music")]
    [InlineData("compress to 10MB and speed it up 2x", "speed it up")]
    [InlineData("compress to 10MB and remove 1s-2s", "remove 1s-2s")]
    [InlineData("compress to 10MB and add subtitles", "subtitles")]
    [InlineData("compress to 10 MB and remove the part from 0:01 to 0:02", "keep 0:02 to 0:04")]
    public void The_doable_parts_are_done_and_the_others_named(string instruction, string named)
    {
        var result = Applied(instruction);

        Assert.Equal(10_000_000, result.Settings.MaxBytes);
        Assert.Contains("Not done", result.Reply);
        Assert.Contains(named, result.Reply);
    }

    [Theory]
    [InlineData("compress to 10MB and make it 600 fps", "240 fps")]
    [InlineData("compress to 10MB, keep from 3:00 to 4:00", "keeps nothing")]
    [InlineData("under 10mb, convert to webm with h264", "WebM carries VP9")]
    public void An_impossible_value_is_one_part_not_done(string instruction, string named)
    {
        var result = Applied(instruction);

        Assert.Equal(10_000_000, result.Settings.MaxBytes);
        Assert.Contains("Not done", result.Reply);
        Assert.Contains(named, result.Reply);
    }

    [Fact]
    public void The_help_example_trims_and_names_the_title_as_not_done()
    {
        var result = Applied("Trim the first 3 seconds and add a title \"Urban Dreams\"");

        Assert.Equal(3_000L, result.Settings.TrimStartMs);
        Assert.Contains("Not done", result.Reply);
        Assert.Contains("add a title \"urban dreams\"", result.Reply);
    }

    [Theory]
    [InlineData("convert to gif")]
    [InlineData("add music and a title")]
    [InlineData("speed it up 2x")]
    [InlineData("make it 60fps and convert to gif")]
    public void A_request_with_nothing_doable_changes_nothing(string instruction)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied, result.Reply);
        Assert.Equal(CompressionSettings.None, result.Settings);
    }

    // ---- C: requests never silently replaced by defaults ----

    [Theory]
    [InlineData("compress for myspace", "myspace")]
    [InlineData("make it small enough for vimeo", "vimeo")]
    [InlineData("send it to friendster", "friendster")]
    public void A_destination_not_in_the_table_is_named_as_not_known(string instruction, string name)
    {
        var result = Read(instruction);

        Assert.DoesNotContain("default", result.Reply);
        Assert.Contains(name, result.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Discord", result.Reply);
        Assert.Contains("-MaxSize", result.Reply);
    }

    [Theory]
    [InlineData("make it smaller to fit")]
    [InlineData("compress it for now")]
    [InlineData("compress for sharing")]
    [InlineData("convert to mp4")]
    [InlineData("compress it for me please")]
    [InlineData("compress so it plays on my phone")]
    public void Ordinary_words_after_for_or_to_are_not_destinations(string instruction)
    {
        var result = Applied(instruction);

        Assert.DoesNotContain("not in my table", result.Reply);
    }

    [Theory]
    [InlineData("compress by 50%", 0.5)]
    [InlineData("reduce the size by half", 0.5)]
    [InlineData("make it 30% smaller", 0.7)]
    [InlineData("shrink it by 25%", 0.75)]
    public void A_relative_size_is_a_share_of_the_source(string instruction, double share)
    {
        var result = Applied(instruction);

        Assert.Equal(share, result.Settings.SizeFraction);
        Assert.DoesNotContain("default", result.Reply);
        Assert.Contains($"at most {(20_000_000 * share).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} of its 20,000,000 bytes", result.Reply);
    }

    // ---- D: a length longer than the clip changes nothing, and says so ----

    [Theory]
    [InlineData("make it half a minute long")]
    [InlineData("keep the first 20 seconds")]
    [InlineData("前1分30秒")]
    [InlineData("keep 90s")]
    [InlineData("keep the last 20 seconds")]
    [InlineData("最后30秒")]
    public void A_length_longer_than_the_clip_is_not_claimed_as_a_trim(string instruction)
    {
        var result = Read(instruction);

        Assert.Null(result.Settings.TrimStartMs);
        Assert.Null(result.Settings.TrimEndMs);
        Assert.Contains("0:08", result.Reply);
        Assert.Matches("only 0:08 long|只有 0:08", result.Reply);
        Assert.DoesNotContain("0:00–0:08", result.Reply);
    }

    /// <summary>A fresh review could not undo "keep the first 3 seconds": "keep from 0:00 to 0:10" on the 10 s clip said it
    /// keeps all of it and changed nothing, and the 0–3 s trim stayed. The plain words for the same were not understood
    /// either: "undo the trim" and "keep the whole video" were declined (or read as a trim without a time).</summary>
    [Theory]
    [InlineData("keep from 0:00 to 0:08", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("keep the first 20 seconds", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("保留0秒到8秒", "保留整个视频（0:00–0:08），撤销之前的剪辑")]
    [InlineData("undo the trim", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("please cancel the previous trim", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("remove the last trim", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("keep the whole video", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("actually, use the full length", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("don't trim it", "keep the whole video (0:00–0:08), undoing the earlier trim")]
    [InlineData("撤销之前的剪辑", "保留整个视频（0:00–0:08），撤销之前的剪辑")]
    [InlineData("保留完整视频", "保留整个视频（0:00–0:08），撤销之前的剪辑")]
    public void A_trim_to_the_whole_clip_undoes_an_earlier_trim(string instruction, string said)
    {
        var trimmed = CompressionSettings.None with { TrimStartMs = 0, TrimEndMs = 3_000, MaxBytes = 2_000_000 };

        var result = InstructionInterpreter.Interpret(instruction, trimmed, Clip);

        Assert.True(result.IsApplied, result.Reply);
        Assert.Equal((null, null, 2_000_000L), (result.Settings.TrimStartMs, result.Settings.TrimEndMs, result.Settings.MaxBytes));
        Assert.Contains(said, result.Reply);
    }

    [Theory]
    [InlineData("undo the trim and keep the first 5 seconds", 0L, 5_000L)]
    [InlineData("keep the whole video under 5MB", null, null)]
    public void Whole_clip_words_beside_other_edits(string instruction, long? start, long? end)
    {
        var trimmed = CompressionSettings.None with { TrimStartMs = 2_000, TrimEndMs = 5_000 };

        var result = InstructionInterpreter.Interpret(instruction, trimmed, Clip);

        Assert.True(result.IsApplied, result.Reply);
        Assert.Equal((start, end), (result.Settings.TrimStartMs, result.Settings.TrimEndMs));
    }

    [Theory]
    [InlineData("keep the whole video", "all 0:08 of it is kept already")]
    [InlineData("保留完整视频", "已经保留全部 0:08")]
    public void Whole_clip_words_on_an_untrimmed_clip_change_nothing_and_say_so(string instruction, string said)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied, result.Reply);
        Assert.Contains(said, result.Reply);
    }

    [Fact]
    public void Half_an_hour_of_a_five_minute_clip_changes_nothing_and_says_so()
    {
        var longClip = Clip with { DurationMs = 300_000 };
        var result = Read("keep the first half an hour", longClip);

        Assert.False(result.IsApplied, result.Reply);
        Assert.Contains("only 5:00 long", result.Reply);
    }

    // ---- E: parts that were read are never listed as unread ----

    [Theory]
    [InlineData("只保留前3秒", null, 3_000L)]
    [InlineData("1,5 MB please", 1_500_000L, null)]
    [InlineData("just keep the first 3 seconds", null, 3_000L)]
    [InlineData("only keep the last 2 seconds", null, null)]
    public void A_read_part_is_not_also_named_as_unread(string instruction, long? bytes, long? end)
    {
        var result = Applied(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Equal(end, result.Settings.TrimEndMs);
        Assert.DoesNotContain("Not done", result.Reply);
        Assert.DoesNotContain("没有做", result.Reply);
    }

    [Fact]
    public void A_thousands_separator_is_not_a_decimal_comma() =>
        Assert.Equal(1_500_000_000, Apply("under 1,500 MB").MaxBytes);

    // ---- F: Chinese removal of the start or the end ----

    [Theory]
    [InlineData("把前面1秒去掉", 1_000, null)]
    [InlineData("去掉前面2秒", 2_000, null)]
    [InlineData("删掉开头1秒", 1_000, null)]
    [InlineData("剪掉最后面2秒", 0, 6_000L)]
    [InlineData("把后面的1秒删掉", 0, 7_000L)]
    public void Chinese_removal_of_an_end_is_read(string instruction, long start, long? end)
    {
        var settings = Apply(instruction);

        Assert.Equal((start, end), (settings.TrimStartMs ?? 0, settings.TrimEndMs));
    }

    // ---- G: a negative size is declined with advice ----

    [Theory]
    [InlineData("compress to -5 MB")]
    [InlineData("under -10mb")]
    [InlineData("压缩到-5MB")]
    public void A_negative_size_is_declined_with_advice(string instruction)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied, result.Reply);
        Assert.Null(result.Settings.MaxBytes);
        Assert.Contains("-5", result.Reply.Replace("-10", "-5"));
    }

    // ---- H: Chinese replies carry no English platform notes ----

    [Theory]
    [InlineData("压缩到能发邮件")]
    [InlineData("发到电报")]
    [InlineData("发邮件也要能发discord")]
    [InlineData("压缩到能发推特")]
    public void A_chinese_reply_names_limits_in_chinese(string instruction)
    {
        var result = Applied(instruction);

        Assert.DoesNotContain("per ", result.Reply);
        Assert.DoesNotContain("allows", result.Reply);
        Assert.DoesNotContain("公布", result.Reply);
    }

    [Fact]
    public void Every_platform_has_a_chinese_note_and_name() =>
        Assert.All(UploadPlatforms.All, platform =>
        {
            Assert.True(ChinesePlatformNotes.ByName.ContainsKey(platform.Name), platform.Name);
            Assert.True(ChinesePlatformNotes.NameByName.ContainsKey(platform.Name), platform.Name);
        });

    [Theory]
    [InlineData("发到电报", "不超过 2 GB")]
    [InlineData("compress for telegram", "under 2 GB")]
    public void A_gigabyte_limit_is_said_in_gigabytes(string instruction, string said)
    {
        var reply = Applied(instruction).Reply;

        Assert.Contains(said, reply);
        Assert.DoesNotContain("2000 MB", reply);
    }

    [Fact]
    public void A_chinese_reply_for_email_names_it_in_chinese() =>
        Assert.Contains("适合 电子邮件附件", Applied("压缩到能发邮件").Reply);

    // ---- I: unsupported requests are named; the middle and bare lengths are read ----

    [Theory]
    [InlineData("speed it up 2x", "speed it up")]
    [InlineData("slow it down", "slow it down")]
    [InlineData("play it faster", "play it faster")]
    public void A_speed_change_is_named_as_not_possible(string instruction, string named)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied);
        Assert.Contains(named, result.Reply);
        Assert.DoesNotContain("didn't find a compression request", result.Reply);
    }

    [Theory]
    [InlineData("1m30s", "1m30s")]
    [InlineData("90 seconds", "90 seconds")]
    [InlineData("3s", "3s")]
    public void A_time_alone_is_declined_with_advice(string instruction, string time)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied, result.Reply);
        Assert.Contains($"keep the first {time}", result.Reply);
        Assert.DoesNotContain("didn't find a compression request", result.Reply);
    }

    [Theory]
    [InlineData("keep the middle 4 seconds", 2_000, 6_000L)]
    [InlineData("only the middle 2 seconds", 3_000, 5_000L)]
    [InlineData("保留中间4秒", 2_000, 6_000L)]
    [InlineData("keep 3s", 0, 3_000L)]
    [InlineData("keep 0m5s", 0, 5_000L)]
    public void The_middle_or_a_bare_length_is_read_as_a_trim(string instruction, long start, long? end)
    {
        var settings = Apply(instruction);

        Assert.Equal((start, end), (settings.TrimStartMs ?? 0, settings.TrimEndMs));
    }

    // ---- J: bits and bytes ----

    [Theory]
    [InlineData("compress to 8Mb", 1_000_000, "8 megabits")]
    [InlineData("compress to 8 megabits", 1_000_000, "8 megabits")]
    [InlineData("under 400Kb", 50_000, "400 kilobits")]
    public void A_size_in_bits_is_read_as_bits_and_said(string instruction, long bytes, string said)
    {
        var result = Applied(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Contains(said, result.Reply);
        Assert.Contains("MB", result.Reply);
    }

    [Theory]
    [InlineData("compress to 8MB")]
    [InlineData("compress to 8mb")]
    public void A_size_in_bytes_stays_bytes(string instruction) => Assert.Equal(8_000_000, Apply(instruction).MaxBytes);

    // ---- K: a platform with a size is named, with which ceiling wins ----

    [Theory]
    [InlineData("compress to 3 MB for discord", 3_000_000, "Discord")]
    [InlineData("compress to 10 megabytes for email", 10_000_000, "e-mail")]
    [InlineData("under 5 mb for telegram", 5_000_000, "Telegram")]
    [InlineData("under 50 mb for discord", 10_000_000, "50 MB")]
    public void A_platform_given_with_a_size_is_named(string instruction, long bytes, string named)
    {
        var result = Applied(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Contains(named, result.Reply);
    }

    [Fact]
    public void A_size_with_a_known_and_an_unknown_platform_names_both()
    {
        var result = Applied("under 5 mb for instagram and discord");

        Assert.Equal(5_000_000, result.Settings.MaxBytes);
        Assert.Contains("Discord", result.Reply);
        Assert.Contains("Instagram", result.Reply);
    }

    // ---- L: a read date is not a publication date ----

    [Fact]
    public void A_platform_reply_says_when_the_limit_was_read_not_published()
    {
        var reply = Applied("compress for discord").Reply;

        Assert.DoesNotContain("published in", reply);
        Assert.Contains("as of 2025, not re-checked", reply);
    }
}
