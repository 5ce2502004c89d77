using System.Globalization;

namespace NemoVideo.Bench;

/// <summary>When a <c>--deadline HH:mm</c> (UTC) falls: the next time the clock shows it.</summary>
internal static class Deadline
{
    /// <summary>
    /// The next UTC instant at <paramref name="timeOfDay"/> after <paramref name="nowUtc"/>: later today, or tomorrow when
    /// today's has passed. A full run started at 23:50 with <c>--deadline 01:25</c> runs until 01:25 the next day; it
    /// had stopped before its first case. Throws <see cref="FormatException"/> for text that is not a time of day.
    /// </summary>
    public static DateTime Next(string timeOfDay, DateTime nowUtc)
    {
        if (!TimeSpan.TryParseExact(timeOfDay, ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var time))
        {
            throw new FormatException($"--deadline takes a UTC time of day as HH:mm (for example 01:25), not '{timeOfDay}'.");
        }

        var today = DateTime.SpecifyKind(nowUtc.Date + time, DateTimeKind.Utc);
        return today > nowUtc ? today : today.AddDays(1);
    }
}
