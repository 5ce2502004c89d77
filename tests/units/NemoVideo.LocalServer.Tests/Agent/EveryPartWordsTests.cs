using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;
using static NemoVideo.LocalServer.Tests.Agent.InterpreterSamples;

namespace NemoVideo.LocalServer.Tests.Agent;

/// <summary>
/// Issue 9's second review of the words: every part of an instruction is done or named as not done; trims people
/// type are read or declined with advice; a trim with no picture in it is declined when it is read; every platform
/// named is either in the one table or said to be unknown.
/// </summary>
public class EveryPartWordsTests
{
    // ---- several parts in one instruction ----

    [Theory]
    [InlineData("compress to 10MB and keep only the first half", 0, 4_000L)]
    [InlineData("keep the first half and make it under 10MB", 0, 4_000L)]
    [InlineData("under 10 MB, second half only", 4_000, null)]
    [InlineData("压缩到10MB，只要前一半", 0, 4_000L)]
    public void A_size_and_a_half_of_the_clip_are_both_done(string instruction, long start, long? end)
    {
        var settings = Apply(instruction);

        Assert.Equal(10_000_000, settings.MaxBytes);
        Assert.Equal((start, end), (settings.TrimStartMs ?? 0, settings.TrimEndMs));
    }

    [Theory]
    [InlineData("cut the first and last second", 1_000, 7_000L)]
    [InlineData("trim the first and the last 2 seconds", 2_000, 6_000L)]
    [InlineData("remove 1 second from both ends", 1_000, 7_000L)]
    [InlineData("去掉开头和结尾各1秒", 1_000, 7_000L)]
    public void Both_ends_in_one_phrase_are_both_cut(string instruction, long start, long? end) =>
        Assert.Equal((start, end), (Apply(instruction).TrimStartMs, Apply(instruction).TrimEndMs));

    [Theory]
    [InlineData("for email and also for discord")]
    [InlineData("small enough for discord and email")]
    [InlineData("发邮件也要能发discord")]
    public void Two_platforms_take_the_smaller_limit_and_say_so(string instruction)
    {
        var result = Read(instruction);

        Assert.Equal(UploadPlatforms.Find("Discord")!.CeilingBytes, result.Settings.MaxBytes);
        Assert.Contains("Discord", result.Reply);
        Assert.Contains("mail", result.Reply, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("compress to 10MB and make it pop", "make it pop")]
    [InlineData("make it 720p and sparkly", "sparkly")]
    [InlineData("under 5MB, and make it cinematic", "make it cinematic")]
    public void A_part_that_is_not_understood_is_named_as_not_done(string instruction, string part)
    {
        var result = Read(instruction);

        Assert.True(result.IsApplied, result.Reply);
        Assert.Contains(part, result.Reply);
        Assert.Contains("Not done", result.Reply);
    }

    [Theory]
    [InlineData("compress this video to 720p and remove the audio please")]
    [InlineData("make it smaller and send it to discord")]
    [InlineData("compress to 10MB, thanks")]
    [InlineData("trim the first 5 seconds and compress")]
    [InlineData("keep from 0:02 to 0:05 and make it 720p")]
    [InlineData("convert to webm and make it smaller")]
    [InlineData("can you make it under 8mb for discord and also keep the audio")]
    [InlineData("remove the first 2 seconds and the last 1 second")]
    [InlineData("压缩到50MB以内，去掉声音")]
    [InlineData("帮我压缩一下，然后转成webm")]
    [InlineData("trim it down to 10MB")]
    public void Parts_that_were_read_are_not_named_as_unread(string instruction)
    {
        var result = Read(instruction);

        Assert.True(result.IsApplied, result.Reply);
        Assert.DoesNotContain("could not read", result.Reply);
        Assert.DoesNotContain("看不懂", result.Reply);
    }

    // ---- trims people type ----

    [Theory]
    [InlineData("trim to 3 seconds", 0, 3_000L)]
    [InlineData("cut it down to 3 s", 0, 3_000L)]
    [InlineData("shorten to 3 seconds", 0, 3_000L)]
    [InlineData("until 0:02", 0, 2_000L)]
    [InlineData("only up until 0:02", 0, 2_000L)]
    [InlineData("keep everything except the first second", 1_000, null)]
    [InlineData("everything but the last 2 seconds", 0, 6_000L)]
    [InlineData("first 5 seconds only", 0, 5_000L)]
    [InlineData("just the first second", 0, 1_000L)]
    [InlineData("剪到3秒", 0, 3_000L)]
    [InlineData("除了前1秒都要", 1_000, null)]
    public void Trims_people_type_are_read(string instruction, long start, long? end)
    {
        var settings = Apply(instruction);

        Assert.Equal((start, end), (settings.TrimStartMs ?? 0, settings.TrimEndMs));
    }

    [Theory]
    [InlineData("trim it a bit")]
    [InlineData("shorten it please")]
    [InlineData("剪短一点")]
    public void A_trim_without_a_time_is_declined_with_advice(string instruction)
    {
        var result = Read(instruction);

        Assert.False(result.IsApplied);
        Assert.Null(result.Settings.TrimStartMs);
        Assert.Contains(instruction.Any(character => character > 0x4e00) ? "去掉前2秒" : "remove the first 2 seconds", result.Reply);
    }

    // ---- a trim window with no picture ----

    [Fact]
    public void A_trim_past_the_picture_is_declined_with_the_length()
    {
        // The sound runs 8 s, the picture only 5 s.
        var video = Clip with { VideoEndMs = 5_000 };

        var result = Read("keep the last 2 seconds", video);

        Assert.False(result.IsApplied);
        Assert.Contains("0:05", result.Reply);
        Assert.Contains("0:08", result.Reply);
    }

    [Fact]
    public void A_trim_that_keeps_some_picture_is_applied()
    {
        var video = Clip with { VideoEndMs = 5_000 };

        Assert.Equal(4_000, Apply("from 0:04 to 0:06", video).TrimStartMs);
    }

    // ---- platforms ----

    [Theory]
    [InlineData("compress for twitter", "X (Twitter)", 512_000_000L)]
    [InlineData("post it on X", "X (Twitter)", 512_000_000L)]
    [InlineData("send via signal", "Signal", 100_000_000L)]
    public void More_platforms_map_to_their_published_limit(string instruction, string name, long bytes)
    {
        var result = Read(instruction);

        Assert.Equal(bytes, result.Settings.MaxBytes);
        Assert.Contains(name, result.Reply);
    }

    [Theory]
    [InlineData("帮我压缩一下，发微信", "微信")]
    [InlineData("compress it for instagram", "Instagram")]
    [InlineData("compress for tiktok", "TikTok")]
    public void A_platform_not_in_the_table_is_named_as_unknown_with_the_known_ones_and_a_size_to_give(string instruction, string name)
    {
        var result = Read(instruction);

        Assert.Null(result.Settings.MaxBytes);
        Assert.Contains(name, result.Reply);
        Assert.Contains("Discord", result.Reply);
        Assert.Contains("-MaxSize", result.Reply);
    }

    [Fact]
    public void A_platform_reply_names_the_platform_and_its_limit()
    {
        var reply = Read("compress for discord").Reply;

        Assert.Contains("under 10 MB for Discord", reply);
    }
}
