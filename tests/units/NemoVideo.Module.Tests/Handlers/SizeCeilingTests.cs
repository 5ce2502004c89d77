using System.Globalization;
using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Contracts;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Compress-NemoVideo -Platform: the one upload-limit table, and how it combines with -MaxSize.</summary>
public sealed class SizeCeilingTests
{
    private readonly FakeCommandHost host = new();

    [Theory]
    [InlineData("Discord", 10_000_000)]
    [InlineData("discord", 10_000_000)]
    [InlineData("Email", 14_000_000)]
    [InlineData("WhatsApp", 16_000_000)]
    [InlineData("Telegram", 2_000_000_000)]
    [InlineData("Slack", 1_000_000_000)]
    public void A_platform_alone_gives_its_ceiling(string platform, long bytes) =>
        Assert.Equal(bytes, SizeCeiling.Resolve(null, platform, host));

    [Fact]
    public void A_smaller_MaxSize_wins_over_the_platform() =>
        Assert.Equal(8L * 1024 * 1024, SizeCeiling.Resolve(8L * 1024 * 1024, "Discord", host));

    [Fact]
    public void A_smaller_platform_limit_wins_over_MaxSize() =>
        Assert.Equal(10_000_000, SizeCeiling.Resolve(50L * 1024 * 1024, "Discord", host));

    [Fact]
    public void MaxSize_alone_is_the_ceiling() => Assert.Equal(12_345, SizeCeiling.Resolve(12_345, null, host));

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(9_999)]
    public void A_ceiling_no_video_fits_under_is_refused_before_anything_is_sent(long tiny)
    {
        var stopped = Assert.Throws<CommandTerminatedException>(() => SizeCeiling.Resolve(tiny, null, host));

        Assert.Equal("Nemo.Compress.CeilingTooSmall", stopped.Error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, stopped.Error.Category);
        Assert.Equal(tiny, stopped.Error.TargetObject);
        Assert.Contains("10KB", stopped.Error.RecommendedAction);
    }

    [Fact]
    public void The_smallest_ceiling_itself_is_allowed() => Assert.Equal(10_000, SizeCeiling.Resolve(10_000, null, host));

    [Fact]
    public void Neither_is_a_clear_terminating_error()
    {
        var stopped = Assert.Throws<CommandTerminatedException>(() => SizeCeiling.Resolve(null, null, host));

        Assert.Equal("Nemo.Compress.NoCeiling", stopped.Error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, stopped.Error.Category);
        Assert.Contains("-Platform", stopped.Error.RecommendedAction);
    }

    [Fact]
    public void Every_platform_has_a_limit_a_date_a_source_and_words()
    {
        Assert.Equal(UploadPlatforms.All.Count, UploadPlatforms.All.Select(platform => platform.Name).Distinct().Count());
        Assert.All(UploadPlatforms.All, platform =>
        {
            Assert.InRange(platform.CeilingBytes, 1_000_000, 4_000_000_000);
            Assert.Matches("^20[0-9]{2}", platform.ReadOn);
            Assert.False(string.IsNullOrWhiteSpace(platform.Source));
            Assert.NotEmpty(platform.Words);
        });
        foreach (var name in new[] { "Discord", "Email", "WhatsApp", "Telegram", "Slack" })
        {
            Assert.NotNull(UploadPlatforms.Find(name));
        }
    }

    [Fact]
    public void The_docs_table_lists_every_platform_with_the_same_ceiling()
    {
        var docs = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "platform-limits.md"));
        foreach (var platform in UploadPlatforms.All)
        {
            var row = Assert.Single(docs, line => line.StartsWith($"| {platform.Name} |", StringComparison.Ordinal));
            Assert.Contains($"| {platform.CeilingBytes.ToString("N0", CultureInfo.InvariantCulture)} |", row);
            // A year alone was not checked on a given day: the page says so rather than show a bare year.
            Assert.Contains(platform.ReadOn.Length == 4 ? $"| as of {platform.ReadOn}, not re-checked |" : $"| {platform.ReadOn} |", row);
        }
    }

    [Fact]
    public void Every_read_date_is_a_full_date_or_a_year()
    {
        Assert.All(UploadPlatforms.All, platform => Assert.Matches(@"^20\d{2}(-\d{2}-\d{2})?$", platform.ReadOn));
    }

    [Fact]
    public void The_about_topic_lists_every_platform_in_order()
    {
        var about = File.ReadAllText(Path.Combine(Repository.Root, "module", "en-US", "about_NemoVideo.help.txt"));
        var start = about.IndexOf("-Platform takes", StringComparison.Ordinal);
        var open = about.IndexOf('(', start) + 1;
        var list = string.Join(" ", about[open..about.IndexOf(';', open)].Split(new[] { '\n', '\r', ' ' }, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(UploadPlatforms.All.Select(platform => platform.Name), list.Split(',').Select(name => name.Trim()));
    }

    [Fact]
    public void The_help_lists_every_platform_as_an_accepted_value()
    {
        var help = File.ReadAllText(Path.Combine(Repository.Root, "module", "help", "Compress-NemoVideo.md"));
        var accepted = help[help.IndexOf("### -Platform", StringComparison.Ordinal)..].Split('\n')
            .First(line => line.StartsWith("Accepted values:", StringComparison.Ordinal));
        Assert.Equal(UploadPlatforms.All.Select(platform => platform.Name),
            accepted["Accepted values:".Length..].Split(',').Select(value => value.Trim()));
    }
}
