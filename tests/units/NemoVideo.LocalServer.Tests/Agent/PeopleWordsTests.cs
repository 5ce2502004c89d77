using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;
using static NemoVideo.LocalServer.Tests.Agent.InterpreterSamples;

namespace NemoVideo.LocalServer.Tests.Agent;

/// <summary>
/// Issue 9 "Words": what people actually type to a compressor, in English and Chinese, and replies that say exactly
/// what will be done and plainly what will not.
/// </summary>
public class PeopleWordsTests
{
    // ---- the five examples ----

    [Fact]
    public void Compress_to_10_megabytes_sets_a_10_MB_ceiling()
    {
        var result = Read("compress to 10 megabytes");

        Assert.Equal(10_000_000, result.Settings.MaxBytes);
        Assert.Contains("at most 10,000,000 bytes", result.Reply);
    }

    [Fact]
    public void Remove_the_first_half_second_says_exactly_which_part_is_kept()
    {
        var result = Read("remove the first 0.5 seconds");

        Assert.Equal((500L, (long?)null), (result.Settings.TrimStartMs!.Value, result.Settings.TrimEndMs));
        Assert.Contains("keep 0:00.5–0:08", result.Reply);
    }

    [Fact]
    public void Sixty_fps_on_a_30_fps_clip_says_plainly_the_frame_rate_is_not_raised()
    {
        var result = Read("make it 60fps");

        Assert.False(result.IsApplied);
        Assert.Null(result.Settings.FrameRate);
        Assert.DoesNotContain("set to 60", result.Reply);
        Assert.Contains("never raised", result.Reply);
        Assert.Contains("stays 30 fps", result.Reply);
        Assert.Contains("Nothing was changed", result.Reply);
    }

    [Theory]
    [InlineData("convert to gif", "GIF")]
    [InlineData("make it a gif", "GIF")]
    [InlineData("export as an animated gif", "GIF")]
    [InlineData("save as avi", "AVI")]
    [InlineData("convert it to mkv", "MKV")]
    [InlineData("extract the audio as mp3", "MP3")]
    [InlineData("转成gif", "GIF")]
    [InlineData("做成动图", "GIF")]
    public void A_format_the_engine_cannot_write_is_declined_plainly(string instruction, string format)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied);
        Assert.DoesNotContain("Done", result.Reply);
        Assert.Contains(format, result.Reply);
        Assert.Matches("MP4(, |、)WebM (or|或) MOV", result.Reply);
    }

    [Fact]
    public void Compress_for_discord_uses_the_published_discord_limit()
    {
        var result = Read("compress for discord");

        Assert.Equal(UploadPlatforms.Find("Discord")!.CeilingBytes, result.Settings.MaxBytes);
        Assert.Equal(10_000_000, result.Settings.MaxBytes);
        Assert.Contains("Discord", result.Reply);
        Assert.Contains("10 MB", result.Reply);
    }

    // ---- every size form ----

    [Theory]
    [InlineData("compress to 10 megabytes", 10_000_000)]
    [InlineData("compress to 10 megabyte", 10_000_000)]
    [InlineData("under 10 meg", 10_000_000)]
    [InlineData("under 25 megs", 25_000_000)]
    [InlineData("under 10mb", 10_000_000)]
    [InlineData("under 10M", 10_000_000)]
    [InlineData("under 1.5 GB", 1_500_000_000)]
    [InlineData("under 2 gigs", 2_000_000_000)]
    [InlineData("to 1 gigabyte", 1_000_000_000)]
    [InlineData("compress it to 500k", 500_000)]
    [InlineData("at most 700 kilobytes", 700_000)]
    [InlineData("at most 700 KB", 700_000)]
    [InlineData("no more than 700 KiB", 716_800)]
    [InlineData("under 50 MiB", 52_428_800)]
    [InlineData("under 2,5 MB", 2_500_000)]
    [InlineData("compress to ten megabytes", 10_000_000)]
    [InlineData("compress to twenty five MB", 25_000_000)]
    [InlineData("under two hundred kilobytes", 200_000)]
    [InlineData("压缩到10兆", 10_000_000)]
    [InlineData("压缩到10M以内", 10_000_000)]
    [InlineData("压缩到10MB以内", 10_000_000)]
    [InlineData("压缩到1.5G", 1_500_000_000)]
    [InlineData("压缩到500K以内", 500_000)]
    [InlineData("压缩到五十兆以内", 50_000_000)]
    [InlineData("压缩到二十兆", 20_000_000)]
    [InlineData("压缩到一百兆字节以内", 100_000_000)]
    [InlineData("不超过８ＭＢ", 8_000_000)]
    public void Reads_every_size_form(string instruction, long bytes) => Assert.Equal(bytes, Apply(instruction).MaxBytes);

    [Theory]
    [InlineData("export 4k")]
    [InlineData("at 1080p, 30 fps")]
    [InlineData("bitrate 50mbps")]
    [InlineData("keep the first 1m30s")]
    public void Words_that_are_not_sizes_set_no_ceiling(string instruction) => Assert.Null(Read(instruction).Settings.MaxBytes);

    // ---- every time form ----

    [Theory]
    [InlineData("remove the first 0.5 seconds", 500, null)]
    [InlineData("remove the first 0.5 s", 500, null)]
    [InlineData("cut the first 500 ms", 500, null)]
    [InlineData("trim the first 2 seconds", 2_000, null)]
    [InlineData("remove first 1.5 sec", 1_500, null)]
    [InlineData("cut off the last 2 s", 0, 6_000L)]
    [InlineData("keep the first 1:30", 0, 90_000L)]
    [InlineData("keep the first 1 min 30 s", 0, 90_000L)]
    [InlineData("keep the first 1m30s", 0, 90_000L)]
    [InlineData("keep the first 1 minute and 30 seconds", 0, 90_000L)]
    [InlineData("keep the first 90 seconds", 0, 90_000L)]
    [InlineData("keep the first ninety seconds", 0, 90_000L)]
    [InlineData("keep the first one and a half minutes", 0, 90_000L)]
    [InlineData("keep the first 1.5 minutes", 0, 90_000L)]
    [InlineData("keep the first 5 seconds", 0, 5_000L)]
    [InlineData("from 0:01.5 to 0:04", 1_500, 4_000L)]
    [InlineData("from 1 to 3 seconds", 1_000, 3_000L)]
    [InlineData("from 1500 ms to 3 s", 1_500, 3_000L)]
    [InlineData("前30秒", 0, 30_000L)]
    [InlineData("前三十秒", 0, 30_000L)]
    [InlineData("前一分半", 0, 90_000L)]
    [InlineData("前1分30秒", 0, 90_000L)]
    [InlineData("前一分钟", 0, 60_000L)]
    [InlineData("去掉前0.5秒", 500, null)]
    [InlineData("去掉开头500毫秒", 500, null)]
    [InlineData("去掉最后2秒", 0, 6_000L)]
    [InlineData("从1秒到3秒", 1_000, 3_000L)]
    public void Reads_every_time_form(string instruction, long start, long? end)
    {
        var long_ = Clip with { DurationMs = 120_000 };
        var video = end is 6_000 || start == 1_000 || start == 1_500 || start == 500 && end is null ? Clip : long_;

        var settings = Apply(instruction, video);

        Assert.Equal(start, settings.TrimStartMs);
        Assert.Equal(end, settings.TrimEndMs);
    }

    [Theory]
    [InlineData(500, "0:00.5")]
    [InlineData(8_000, "0:08")]
    [InlineData(90_250, "1:30.25")]
    [InlineData(3_723_500, "1:02:03.5")]
    public void Reply_clocks_keep_fractions_of_a_second(long milliseconds, string clock)
    {
        var result = Read($"from {milliseconds} ms to 2 hours", Clip with { DurationMs = 7_200_000 });
        Assert.Contains($"keep {clock}–", result.Reply);
    }

    [Fact]
    public void A_trim_reply_in_chinese_keeps_the_fraction_too() =>
        Assert.Contains("保留 0:00.5–0:08", Read("去掉前0.5秒").Reply);

    // ---- platforms ----

    [Theory]
    [InlineData("compress for discord", "Discord")]
    [InlineData("small enough to post on Discord", "Discord")]
    [InlineData("for discord nitro", "DiscordNitro")]
    [InlineData("for discord nitro basic", "DiscordNitroBasic")]
    [InlineData("I need to email it", "Email")]
    [InlineData("as an e-mail attachment", "Email")]
    [InlineData("send it by gmail", "Gmail")]
    [InlineData("attach to outlook", "Outlook")]
    [InlineData("compress for whatsapp", "WhatsApp")]
    [InlineData("send on whatsapp as a document", "WhatsAppDocument")]
    [InlineData("upload to telegram", "Telegram")]
    [InlineData("telegram premium please", "TelegramPremium")]
    [InlineData("share it in slack", "Slack")]
    [InlineData("压缩一下发邮件", "Email")]
    [InlineData("压缩到能发电报", "Telegram")]
    [InlineData("压缩后发到discord", "Discord")]
    public void Platform_names_map_to_their_limit(string instruction, string platform) =>
        Assert.Equal(UploadPlatforms.Find(platform)!.CeilingBytes, Apply(instruction).MaxBytes);

    [Fact]
    public void A_size_smaller_than_the_platform_limit_wins() =>
        Assert.Equal(8_000_000, Apply("under 8MB for discord").MaxBytes);

    [Fact]
    public void A_platform_limit_smaller_than_the_size_wins() =>
        Assert.Equal(10_000_000, Apply("under 50MB for discord").MaxBytes);

    [Fact]
    public void A_chinese_platform_reply_is_chinese() =>
        Assert.Contains("适合 Discord", Read("压缩后发到discord").Reply);

    // ---- what the engine will not do is said plainly ----

    [Fact]
    public void A_lower_frame_rate_is_applied()
    {
        var result = Read("make it 24fps");
        Assert.Equal(24, result.Settings.FrameRate);
        Assert.Contains("24 fps", result.Reply);
        Assert.DoesNotContain("Not done", result.Reply);
    }

    [Fact]
    public void A_higher_frame_rate_beside_a_size_applies_the_size_and_says_what_is_not_done()
    {
        var result = Read("under 5MB at 60 fps");

        Assert.True(result.IsApplied);
        Assert.Equal(5_000_000, result.Settings.MaxBytes);
        Assert.Null(result.Settings.FrameRate);
        Assert.Contains("Not done: 60 fps", result.Reply);
    }

    [Fact]
    public void Chinese_higher_frame_rate_is_declined_in_chinese()
    {
        var result = Read("帧率改为60");
        Assert.False(result.IsApplied);
        Assert.Contains("帧率不会调高", result.Reply);
    }

    [Theory]
    [InlineData("export 4K")]
    [InlineData("upscale to 1440p")]
    [InlineData("resize to 3840x2160")]
    public void An_upscale_is_not_promised(string instruction)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied);
        Assert.Null(result.Settings.Height);
        Assert.Contains("never upscaled", result.Reply);
    }

    [Fact]
    public void Four_k_on_a_4k_source_still_reads_as_2160p()
    {
        var uhd = Clip with { Width = 3840, Height = 2160 };
        Assert.Equal(2160, Apply("export 4K", uhd).Height);
    }

    [Theory]
    [InlineData("convert this avi to mp4")]
    [InlineData("convert to mp4 with aac audio")]
    [InlineData("save as mp4 (opus audio is fine)")]
    [InlineData("把这个mkv转成mp4")]
    public void Converting_to_mp4_is_fine_whatever_else_is_named(string instruction) =>
        Assert.Equal("mp4", Apply(instruction).Container);

    // ---- number words ----

    [Theory]
    [InlineData("ten megabytes", "10 megabytes")]
    [InlineData("twenty-five mb", "25 mb")]
    [InlineData("one hundred and twenty seconds", "120 seconds")]
    [InlineData("a minute", "1 minute")]
    [InlineData("one and a half minutes", "1.5 minutes")]
    [InlineData("one third of the size", "one third of the size")]
    [InlineData("五十兆", "50兆")]
    [InlineData("一分半", "1分半")]
    [InlineData("二十五秒", "25秒")]
    [InlineData("两小时", "2小时")]
    [InlineData("一半大小", "一半大小")]
    public void Spelled_numbers_before_a_unit_become_digits(string text, string rewritten) =>
        Assert.Equal(rewritten, NumberWords.Rewrite(text));
}
