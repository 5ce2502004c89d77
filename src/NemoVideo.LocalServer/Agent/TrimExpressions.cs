using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>A part of the clip to keep, in milliseconds; an open end means "to the end".</summary>
internal sealed record TrimRange(long StartMs, long? EndMs);

/// <summary>Reads trims: "first 10 seconds", "last 5 s", "from 0:30 to 1:45", "前10秒", "从0:30到1:45".</summary>
internal static partial class TrimExpressions
{
    private const string Time = @"(?:\d+:\d{1,2}(?::\d{1,2})?(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:seconds|second|secs|sec|s|minutes|minute|mins|min|hours|hour|h|秒钟|秒|分钟|分|小时))";

    public static TrimRange? Read(string text, long? durationMs)
    {
        var dropFirst = DropFirstPattern().Match(text);
        if (dropFirst.Success)
        {
            return new TrimRange(Milliseconds(dropFirst.Groups["t"].Value), null);
        }

        var dropLast = DropLastPattern().Match(text);
        if (dropLast.Success && durationMs is long length)
        {
            return new TrimRange(0, Math.Max(0, length - Milliseconds(dropLast.Groups["t"].Value)));
        }

        var first = FirstPattern().Match(text);
        if (first.Success)
        {
            return new TrimRange(0, Milliseconds(first.Groups["t"].Value));
        }

        var last = LastPattern().Match(text);
        if (last.Success && durationMs is long duration)
        {
            return new TrimRange(Math.Max(0, duration - Milliseconds(last.Groups["t"].Value)), null);
        }

        var range = RangePattern().Match(text);
        if (range.Success)
        {
            var end = range.Groups["b"].Value;
            return new TrimRange(Milliseconds(WithUnitOf(range.Groups["a"].Value, end)), Milliseconds(end));
        }

        var from = FromPattern().Match(text);
        return from.Success ? new TrimRange(Milliseconds(from.Groups["a"].Value), null) : null;
    }

    /// <summary>"from 10 to 20 seconds": a bare start takes the end's unit (seconds when the end is a clock time).</summary>
    private static string WithUnitOf(string start, string end)
    {
        if (start.Contains(':') || UnitPattern().IsMatch(start))
        {
            return start;
        }

        return start + (end.Contains(':') ? "s" : UnitPattern().Match(end).Value);
    }

    /// <summary>"1:45" → 105 000; "90s" → 90 000; "2 min" → 120 000.</summary>
    internal static long Milliseconds(string time)
    {
        time = time.Trim();
        if (time.Contains(':'))
        {
            var seconds = time.Split(':').Aggregate(0.0, (total, part) => total * 60 + double.Parse(part, CultureInfo.InvariantCulture));
            return (long)Math.Round(seconds * 1000);
        }

        var unit = UnitPattern().Match(time);
        var number = double.Parse(time[..unit.Index], CultureInfo.InvariantCulture);
        var scale = unit.Value switch
        {
            "minutes" or "minute" or "mins" or "min" or "分钟" or "分" => 60_000,
            "hours" or "hour" or "h" or "小时" => 3_600_000,
            _ => 1000,
        };
        return (long)Math.Round(number * scale);
    }

    [GeneratedRegex(@"\b(?:cut|remove|delete|drop|skip|lose)\s+(?:off\s+)?the\s+first\s+(?<t>" + Time + @")|(?:去掉|剪掉|删掉|删除)\s*(?:前|开头)\s*(?<t>" + Time + ")")]
    private static partial Regex DropFirstPattern();

    [GeneratedRegex(@"\b(?:cut|remove|delete|drop|skip|lose)\s+(?:off\s+)?the\s+last\s+(?<t>" + Time + @")|(?:去掉|剪掉|删掉|删除)\s*(?:最后|结尾)\s*(?<t>" + Time + ")")]
    private static partial Regex DropLastPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?:first|opening|initial)\s+(?<t>" + Time + @")|(?:前|开头|开始的?)\s*(?<t>" + Time + ")")]
    private static partial Regex FirstPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?:last|final|closing)\s+(?<t>" + Time + @")|(?:最后|后|结尾)\s*(?<t>" + Time + ")")]
    private static partial Regex LastPattern();

    [GeneratedRegex(@"(?:from|between)\s*(?<a>" + Time + @"|\d+(?:\.\d+)?)\s*(?:to|and|until|till|-|–|~)\s*(?<b>" + Time + @")|(?<a>" + Time + @")\s*(?:to|and|until|till|-|–|~)\s*(?<b>" + Time + @")|从\s*(?<a>" + Time + @"|\d+(?:\.\d+)?)\s*(?:到|至)\s*(?<b>" + Time + ")")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"(?:from|starting at|start at)\s+(?<a>" + Time + @")|从\s*(?<a>" + Time + @")\s*开始")]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"[^\d.\s].*$")]
    private static partial Regex UnitPattern();
}
