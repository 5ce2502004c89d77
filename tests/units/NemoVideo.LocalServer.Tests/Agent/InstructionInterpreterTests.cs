using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Tests.Agent;

public class InstructionInterpreterTests
{
    private static readonly MediaItem Video = new("med_1", "clip.mp4", "/nowhere/clip.mp4", 80_000_000, MediaKind.Video,
        DurationMs: 120_000, Width: 1920, Height: 1080, HasAudio: true, DownloadKey: "key");

    private static CompressionSettings Apply(string instruction, CompressionSettings? current = null)
    {
        var result = InstructionInterpreter.Interpret(instruction, current ?? CompressionSettings.None, Video);
        Assert.True(result.IsApplied, $"'{instruction}' was declined: {result.Reply}");
        return result.Settings;
    }

    [Theory]
    [InlineData("compress this video to under 50MB", 50_000_000)]
    [InlineData("compress this video to under 50MB without losing quality", 50_000_000)]
    [InlineData("把这个视频压缩到50MB以内", 50_000_000)]
    [InlineData("50MB以内", 50_000_000)]
    [InlineData("25 MB max", 25_000_000)]
    [InlineData("at most 700 KB", 700_000)]
    [InlineData("under 1.5 GB", 1_500_000_000)]
    [InlineData("under 50 MiB", 52_428_800)]
    [InlineData("no more than 700 KiB", 716_800)]
    [InlineData("compress my 500MB recording to 50MB", 50_000_000)]
    [InlineData("压缩到 20兆 以内", 20_000_000)]
    [InlineData("ＵＮＤＥＲ　８ＭＢ", 8_000_000)]
    public void ReadsSizeCeilings(string instruction, long expectedBytes) =>
        Assert.Equal(expectedBytes, Apply(instruction).MaxBytes);

    [Fact]
    public void MegabytesAreDecimalSoTheStrictReadingFitsEitherMeaning()
    {
        var ceiling = Apply("under 50MB").MaxBytes!.Value;
        Assert.True(ceiling <= 50 * 1_000_000 && ceiling <= 50 * 1_048_576);
    }

    [Theory]
    [InlineData("half the size", 0.5)]
    [InlineData("make it 30% smaller", 0.7)]
    [InlineData("reduce the file by 40%", 0.6)]
    [InlineData("25% of the original size", 0.25)]
    [InlineData("文件缩小30%", 0.7)]
    [InlineData("压缩到原来的一半", 0.5)]
    [InlineData("make it 4x smaller", 0.25)]
    public void ReadsRelativeSizes(string instruction, double expectedFraction) =>
        Assert.Equal(expectedFraction, Apply(instruction).SizeFraction!.Value, 3);

    [Theory]
    [InlineData("export 1080p MP4", null, 1080)]
    [InlineData("downscale to 720p", null, 720)]
    [InlineData("480p please", null, 480)]
    [InlineData("转成720p", null, 720)]
    [InlineData("vertical 1080x1920", 1080, 1920)]
    [InlineData("portrait 1080p", 1080, 1920)]
    [InlineData("竖屏 1080p", 1080, 1920)]
    [InlineData("resize to 1280x720", 1280, 720)]
    public void ReadsResolutions(string instruction, int? width, int height)
    {
        var settings = Apply(instruction);
        Assert.Equal(width, settings.Width);
        Assert.Equal(height, settings.Height);
    }

    [Theory]
    [InlineData("convert to 30fps", 30)]
    [InlineData("24 frames per second", 24)]
    [InlineData("frame rate 25", 25)]
    [InlineData("帧率改为60", 60)]
    [InlineData("压缩成30帧", 30)]
    public void ReadsFrameRates(string instruction, double fps) => Assert.Equal(fps, Apply(instruction).FrameRate);

    [Theory]
    [InlineData("remove the audio", true)]
    [InlineData("compress it without sound", true)]
    [InlineData("mute it", true)]
    [InlineData("去掉声音", true)]
    [InlineData("静音", true)]
    [InlineData("keep the audio and compress", false)]
    [InlineData("保留音频", false)]
    public void ReadsAudioChoices(string instruction, bool remove) => Assert.Equal(remove, Apply(instruction).RemoveAudio);

    [Theory]
    [InlineData("keep the first 10 seconds", 0, 10_000L)]
    [InlineData("only the first 1 minute", 0, 60_000L)]
    [InlineData("from 0:30 to 1:45", 30_000, 105_000L)]
    [InlineData("trim between 5s and 20s", 5_000, 20_000L)]
    [InlineData("from 10 to 20 seconds", 10_000, 20_000L)]
    [InlineData("between 30 and 1:45", 30_000, 105_000L)]
    [InlineData("从10到20秒", 10_000, 20_000L)]
    [InlineData("前10秒", 0, 10_000L)]
    [InlineData("从0:30到1:45", 30_000, 105_000L)]
    [InlineData("the last 20 seconds", 100_000, null)]
    [InlineData("cut the first 5 seconds", 5_000, null)]
    public void ReadsTrims(string instruction, long start, long? end)
    {
        var settings = Apply(instruction);
        Assert.Equal(start, settings.TrimStartMs);
        Assert.Equal(end, settings.TrimEndMs);
    }

    /// <summary>The instruction Compress-NemoVideo's advice for a refused ceiling suggests (InfeasibleAdvice: a trim, then
    /// the command's own instruction) must do what it says once the user fills in the length.</summary>
    [Fact]
    public void ReadsTheTrimThatCompressNemoVideoSuggestsForARefusedCeiling()
    {
        // InfeasibleAdviceTests asserts the module writes exactly this for -MaxSize 20000 -Resolution 360p -NoAudio.
        var settings = Apply("Keep only the first 4 seconds. Compress this video to under 20000 bytes, scale it to 360p, remove the audio and save it as mp4.");

        Assert.Equal((0L, 4_000L, 20_000L, true, 360), (settings.TrimStartMs ?? 0, settings.TrimEndMs, settings.MaxBytes, settings.RemoveAudio, settings.Height));
    }

    [Theory]
    [InlineData("convert it to webm", "webm", "vp9")]
    [InlineData("save as mov", "mov", null)]
    [InlineData("export 1080p MP4", "mp4", null)]
    [InlineData("use h265", null, "h265")]
    [InlineData("encode with HEVC", null, "h265")]
    [InlineData("H.264 please", null, "h264")]
    [InlineData("convert this mov to mp4", "mp4", null)]
    [InlineData("转成webm格式", "webm", "vp9")]
    public void ReadsContainersAndCodecs(string instruction, string? container, string? codec)
    {
        var settings = Apply(instruction);
        Assert.Equal(container, settings.Container);
        Assert.Equal(codec, settings.VideoCodec);
    }

    [Fact]
    public void ANamedSourceFormatIsNotMistakenForTheTarget() =>
        Assert.Null(Apply("compress this mov to under 50MB").Container);

    [Theory]
    [InlineData("compress without losing quality", "high")]
    [InlineData("best quality please, compress", "high")]
    [InlineData("压缩但不损失画质", "high")]
    [InlineData("smallest possible", "smallest")]
    [InlineData("as small as possible", "smallest")]
    [InlineData("尽可能小", "smallest")]
    public void ReadsQualityWords(string instruction, string quality) => Assert.Equal(quality, Apply(instruction).Quality);

    [Fact]
    public void ReadsSeveralRequestsInOneSentence()
    {
        var settings = Apply("compress to under 25 MB, 720p, 30 fps, no audio, first 30 seconds, as webm");
        Assert.Equal(new CompressionSettings
        {
            MaxBytes = 25_000_000, Height = 720, FrameRate = 30, RemoveAudio = true, TrimStartMs = 0, TrimEndMs = 30_000,
            Container = "webm", VideoCodec = "vp9",
        }, settings);
    }

    [Fact]
    public void ALaterInstructionChangesOnlyWhatItMentions()
    {
        var first = Apply("under 10MB at 720p");
        var second = Apply("remove the audio", first);
        Assert.Equal(first with { RemoveAudio = true }, second);
    }

    [Fact]
    public void APlainCompressRequestIsAppliedWithDefaults()
    {
        var result = InstructionInterpreter.Interpret("compress my large video files", CompressionSettings.None, Video);
        Assert.True(result.IsApplied);
        Assert.Equal(CompressionSettings.None, result.Settings);
    }

    [Theory]
    [InlineData("add background music")]
    [InlineData("make it look better")]
    [InlineData("加字幕")]
    [InlineData("给视频加上配乐")]
    [InlineData("what's the weather like")]
    [InlineData("under 0 MB")]
    [InlineData("from 3:00 to 4:00")]
    [InlineData("mp4 with h264 in webm, convert to webm h264")]
    [InlineData("600 fps")]
    public void UnsupportedRequestsArePolitelyDeclinedAndChangeNothing(string instruction)
    {
        var current = new CompressionSettings { MaxBytes = 5_000_000 };
        var result = InstructionInterpreter.Interpret(instruction, current, Video);
        Assert.False(result.IsApplied);
        Assert.Same(current, result.Settings);
        Assert.Matches("(?i)nothing was changed|没有做任何改动", result.Reply);
    }

    [Fact]
    public void DeclinesWithTheCapabilitiesWhenNothingIsUnderstood() =>
        Assert.Contains(Wording.English.Capabilities,
            InstructionInterpreter.Interpret("tell me a joke", CompressionSettings.None, Video).Reply);

    [Fact]
    public void RepliesInChineseToAChineseInstruction()
    {
        var applied = InstructionInterpreter.Interpret("压缩到2MB以内，去掉声音", CompressionSettings.None, Video);
        var declined = InstructionInterpreter.Interpret("加字幕", CompressionSettings.None, Video);

        Assert.Equal("好了：clip.mp4（1920x1080，120 秒，80,000,000 字节）已设置为：不超过 2,000,000 字节，去掉声音。导出即可得到文件。", applied.Reply);
        Assert.StartsWith("抱歉，这里做不了“字幕”", declined.Reply);
        Assert.Contains(Wording.Chinese.Capabilities, declined.Reply);
    }

    [Fact]
    public void RepliesInEnglishToAnEnglishInstruction() =>
        Assert.Equal("Done: clip.mp4 (1920x1080, 120 s, 80,000,000 bytes) is set to at most 2,000,000 bytes, 720p. Export the video to get the file.",
            InstructionInterpreter.Interpret("under 2MB at 720p", CompressionSettings.None, Video).Reply);

    [Fact]
    public void AsksForAnUploadWhenThereIsNoVideo()
    {
        var result = InstructionInterpreter.Interpret("under 50MB", CompressionSettings.None, video: null);
        Assert.False(result.IsApplied);
        Assert.Contains("upload a video first", result.Reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ATrimPastTheEndIsCutAtTheEnd() =>
        Assert.Null(Apply("from 1:30 to 5:00").TrimEndMs);
}
