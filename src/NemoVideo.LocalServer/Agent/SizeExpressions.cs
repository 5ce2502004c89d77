using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>Reads size ceilings ("under 50MB", "50MB以内", "at most 700 KB") and relative sizes ("half the size").</summary>
/// <summary>A size ceiling as read: the bytes, the earlier size a correction replaced, and the words of a size in bits.</summary>
internal sealed record SizeRead(long Bytes, long? Replaced, string? InBits);

internal static partial class SizeExpressions
{
    /// <summary>The ceiling asked for in bytes. Several sizes: the marked ones win ("my 500MB clip to 50MB"), then the smallest.</summary>
    public static long? ReadCeiling(string text) => Read(text)?.Bytes;

    /// <summary>
    /// The ceiling with how it was said: after a correction ("2MB, actually 1MB", "不对，改成1MB") the later size wins
    /// and <see cref="SizeRead.Replaced"/> holds the one it replaces; a size in bits keeps its words for the reply.
    /// A negative size ("-5 MB") is never a ceiling (see <see cref="ReadNegative"/>).
    /// </summary>
    public static SizeRead? Read(string text)
    {
        var candidates = SizePattern().Matches(text)
            .Where(match => !IsNegative(text, match))
            .Select(match => (Bytes: ToBytes(match), Marked: IsMarkedAsCeiling(text, match), Match: match))
            .Where(candidate => candidate.Bytes is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        long? replaced = null;
        var correction = CorrectionPattern().Matches(text)
            .LastOrDefault(word => candidates.Any(c => c.Match.Index < word.Index) && candidates.Any(c => c.Match.Index > word.Index));
        if (correction is not null)
        {
            replaced = candidates.Where(c => c.Match.Index < correction.Index).Min(c => c.Bytes);
            candidates = candidates.Where(c => c.Match.Index > correction.Index).ToList();
        }

        var pool = candidates.Any(candidate => candidate.Marked) ? candidates.Where(candidate => candidate.Marked) : candidates;
        var chosen = pool.MinBy(candidate => candidate.Bytes);
        var unit = chosen.Match.Groups["u"].Value;
        var inBits = unit.Contains("bit") ? $"{chosen.Match.Groups["n"].Value} {(unit.StartsWith('k') ? "kilobits" : unit.StartsWith('g') ? "gigabits" : "megabits")}" : null;
        return new SizeRead(chosen.Bytes!.Value, replaced == chosen.Bytes ? null : replaced, inBits);
    }

    /// <summary>A size written with a minus sign ("-5 MB"), as typed, or null.</summary>
    public static string? ReadNegative(string text) =>
        SizePattern().Matches(text).FirstOrDefault(match => IsNegative(text, match)) is { } negative
            ? "-" + negative.Value.Trim()
            : null;

    private static bool IsNegative(string text, Match match)
    {
        var before = text[..match.Index].TrimEnd();
        // "1-5 MB" is a range and "0:05-2mb" a time; a minus after a word or at the start is a sign.
        return before.Length > 0 && before[^1] is '-' or '−' && (before.Length == 1 || !char.IsDigit(before[^2]) && before[^2] != ':');
    }

    /// <summary>The output size as a fraction of the source ("30% smaller" → 0.7).</summary>
    public static double? ReadFraction(string text)
    {
        var percentOff = PercentOffPattern().Match(text);
        if (percentOff.Success)
        {
            return 1 - Percent(percentOff.Groups["p"].Value);
        }

        var percentOf = PercentOfPattern().Match(text);
        if (percentOf.Success)
        {
            return Percent(percentOf.Groups["p"].Value);
        }

        var timesSmaller = TimesSmallerPattern().Match(text);
        if (timesSmaller.Success && double.TryParse(timesSmaller.Groups["n"].Value, CultureInfo.InvariantCulture, out var times) && times > 1)
        {
            return 1 / times;
        }

        if (HalfPattern().IsMatch(text))
        {
            return 0.5;
        }

        if (ThirdPattern().IsMatch(text))
        {
            return 1.0 / 3;
        }

        return QuarterPattern().IsMatch(text) ? 0.25 : null;
    }

    private static double Percent(string value) => double.Parse(value, CultureInfo.InvariantCulture) / 100;

    private static long? ToBytes(Match match)
    {
        // "1,5 MB" is a decimal comma; "1,500 MB" a thousands separator.
        var digits = ThousandsComma().IsMatch(match.Groups["n"].Value) ? match.Groups["n"].Value.Replace(",", string.Empty) : match.Groups["n"].Value.Replace(',', '.');
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var unitWord = match.Groups["u"].Value;
        if (unitWord == "k" && number < 10)
        {
            return null; // "4k", "8k" name a resolution; "500k" is a size.
        }

        double unit = unitWord switch
        {
            "b" or "byte" or "bytes" or "字节" => 1,
            "kb" or "k" or "kilobyte" or "kilobytes" or "kbyte" or "kbytes" or "千字节" => 1e3,
            "kib" => 1024,
            "mb" or "m" or "meg" or "megs" or "megabyte" or "megabytes" or "mbyte" or "mbytes" or "兆" or "兆字节" => 1e6,
            "mib" => 1024 * 1024,
            "gb" or "g" or "gig" or "gigs" or "gigabyte" or "gigabytes" or "gbyte" or "gbytes" => 1e9,
            "gib" => 1024.0 * 1024 * 1024,
            // A size in bits is read as what it says: 10 megabits = 1,250,000 bytes ("mb" stays megabytes).
            "kilobits" or "kilobit" or "kbit" or "kbits" => 1e3 / 8,
            "megabits" or "megabit" or "mbit" or "mbits" => 1e6 / 8,
            "gigabits" or "gigabit" or "gbit" or "gbits" => 1e9 / 8,
            _ => 0,
        };
        // Round down: a ceiling read as slightly smaller is still kept; slightly larger would break it.
        return unit > 0 ? (long)Math.Floor(number * unit) : null;
    }

    private static bool IsMarkedAsCeiling(string text, Match match)
    {
        var before = text[..match.Index];
        var after = text[(match.Index + match.Length)..];
        return CeilingBefore().IsMatch(before) || CeilingAfter().IsMatch(after);
    }

    [GeneratedRegex(@"(?<![a-z0-9_.:])(?<n>\d+(?:[.,]\d+)?)\s*(?<u>kilobits|kilobit|kbits|kbit|megabits|megabit|mbits|mbit|gigabits|gigabit|gbits|gbit|kilobytes|kilobyte|kbytes|kbyte|megabytes|megabyte|mbytes|mbyte|megs|meg|gigabytes|gigabyte|gbytes|gbyte|gigs|gig|kib|mib|gib|kb|mb|gb|bytes|byte|b|k|m|g|兆字节|千字节|字节|兆)(?![a-z0-9])")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^\d{1,3},\d{3}$")]
    private static partial Regex ThousandsComma();

    [GeneratedRegex(@"\b(?:actually|instead|rather|make that|no wait|wait|i mean|sorry|correction|change (?:that|it) to|scratch that)\b|不对|改成|改为|还是|算了|不是")]
    private static partial Regex CorrectionPattern();

    [GeneratedRegex(@"(under|below|less than|smaller than|lower than|at most|max(imum)?( of)?|no (more|larger|bigger) than|not (more|larger|bigger) than|up to|within|to|into|<=?|≤|不超过|不大于|小于|低于|最多|最大|控制在|压缩到|压到|到)\s*$")]
    private static partial Regex CeilingBefore();

    [GeneratedRegex(@"^\s*(max(imum)?\b|or (less|smaller|under)|以内|以下|之内|内)")]
    private static partial Regex CeilingAfter();

    [GeneratedRegex(@"(?<p>\d+(?:\.\d+)?)\s*%\s*(smaller|less|lighter|off|reduction)|(reduce|shrink|cut|decrease|lower|compress|squeeze|slim)\w*\s+(?:\w+\s+){0,3}?by\s+(?<p>\d+(?:\.\d+)?)\s*%|(缩小|减小|减少|压缩|降低)\s*(?<p>\d+(?:\.\d+)?)\s*%")]
    private static partial Regex PercentOffPattern();

    [GeneratedRegex(@"(?<p>\d+(?:\.\d+)?)\s*%\s*of\s+(the\s+|its\s+)?(original|source|current|size)|(原来的|原大小的|原始大小的|原视频的)\s*(?<p>\d+(?:\.\d+)?)\s*%")]
    private static partial Regex PercentOfPattern();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(x|times)\s+(smaller|less|lighter|compression|reduction)|(compress|shrink|reduce|cut|decrease|squeeze)\w*\s+(?:it\s+|the\s+\w+\s+)?(?:by\s+)?(?:a\s+factor\s+of\s+)?(?<n>\d+(?:\.\d+)?)\s*(x|times)(?![a-z0-9])|\bby\s+a\s+factor\s+of\s+(?<n>\d+(?:\.\d+)?)|(?:压缩|缩小|减小)\s*(?<n>\d+(?:\.\d+)?)\s*倍")]
    private static partial Regex TimesSmallerPattern();

    // "half" is a size only about the file: "the first half" (a part of the clip) is not.
    [GeneratedRegex(@"(?<!(?:first|last|second|other|back|front)\s+)\b(?:half|halve)\b(?!\s+(?:of\s+)?(?:the\s+|this\s+|my\s+)?(?:video|clip|movie|footage))|(?<![前后上下])一半|减半|二分之一")]
    private static partial Regex HalfPattern();

    [GeneratedRegex(@"\b(a|one) third\b|三分之一")]
    private static partial Regex ThirdPattern();

    [GeneratedRegex(@"\b(a|one) quarter\b|四分之一")]
    private static partial Regex QuarterPattern();
}
