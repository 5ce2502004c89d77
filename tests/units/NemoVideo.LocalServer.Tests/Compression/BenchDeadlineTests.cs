using NemoVideo.Bench;

namespace NemoVideo.LocalServer.Tests.Compression;

public sealed class BenchDeadlineTests
{
    private static readonly DateTime LateEvening = new(2026, 11, 30, 23, 50, 0, DateTimeKind.Utc);

    [Fact]
    public void A_time_already_past_today_is_tomorrow()
    {
        // A full run started at 23:50 with --deadline 01:25 stopped before its first case.
        Assert.Equal(new DateTime(2026, 12, 1, 1, 25, 0, DateTimeKind.Utc), Deadline.Next("01:25", LateEvening));
    }

    [Fact]
    public void A_time_still_to_come_today_is_today()
    {
        Assert.Equal(new DateTime(2026, 11, 30, 23, 55, 0, DateTimeKind.Utc), Deadline.Next("23:55", LateEvening));
        Assert.Equal(new DateTime(2026, 11, 30, 15, 40, 0, DateTimeKind.Utc), Deadline.Next("15:40", LateEvening.Date.AddHours(14)));
    }

    [Fact]
    public void The_present_minute_is_a_day_away_not_already_over()
    {
        Assert.Equal(LateEvening.AddDays(1), Deadline.Next("23:50", LateEvening));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("1:2")]
    [InlineData("tomorrow")]
    [InlineData("1.01:00")]
    public void Text_that_is_no_time_of_day_is_refused(string text)
    {
        var refusal = Assert.Throws<FormatException>(() => Deadline.Next(text, LateEvening));
        Assert.Contains("HH:mm", refusal.Message);
    }
}
