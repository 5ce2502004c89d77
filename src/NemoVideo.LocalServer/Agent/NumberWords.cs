using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Writes spelled-out numbers as digits where a unit follows, so the size, time and frame-rate readers only ever see
/// digits: "ten megabytes" → "10 megabytes", "ninety seconds" → "90 seconds", "one and a half minutes" →
/// "1.5 minutes", "a minute" → "1 minute", "五十兆" → "50兆", "一分半" → "1分半", "三十秒" → "30秒".
/// Only numbers before a unit are touched, so "one third" or "一半" keep their own meaning.
/// </summary>
internal static partial class NumberWords
{
    private const string EnglishUnits =
        @"(?:bytes?|kilobytes?|kb|kib|megabytes?|megs?|mb|mib|gigabytes?|gigs?|gb|gib|milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|fps|frames?|megabits?|kilobits?|gigabits?)\b";

    private static readonly Dictionary<string, int> Ones = new()
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new()
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<char, int> ChineseDigits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['二'] = 2, ['两'] = 2, ['三'] = 3, ['四'] = 4, ['五'] = 5, ['六'] = 6, ['七'] = 7, ['八'] = 8, ['九'] = 9,
    };

    public static string Rewrite(string text)
    {
        // Halves of a time unit are times, not sizes: "half a second", "the first half second", "半秒", "半个小时" → 0.5.
        text = EnglishHalf().Replace(text, "0.5 ");
        text = ChineseHalf().Replace(text, "0.5");
        // ".5 seconds" and the decimal comma "0,5 seconds" are 0.5 seconds.
        text = BareDecimal().Replace(text, "0.");
        text = DecimalCommaBeforeTime().Replace(text, ".");
        text = EnglishNumber().Replace(text, match =>
        {
            var value = match.Groups["article"].Success ? 1 : English(match.Groups["number"].Value);
            return value is null ? match.Value : Digits(value.Value + (match.Groups["half"].Success ? 0.5 : 0)) + " ";
        });
        text = ChineseNumber().Replace(text, match => Chinese(match.Groups["number"].Value) is int value ? Digits(value) : match.Value);
        // "两个半G", "两个半小时": two and a half of the unit; "两兆半", "1mb半": the unit and a half.
        text = AndAHalfBefore().Replace(text, match => Digits(double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) + 0.5));
        return AndAHalfAfter().Replace(text, match =>
            Digits(double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) + 0.5) + match.Groups["u"].Value);
    }

    private static int? English(string words)
    {
        var total = 0;
        var current = 0;
        foreach (var word in words.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Ones.TryGetValue(word, out var one))
            {
                current += one;
            }
            else if (Tens.TryGetValue(word, out var ten))
            {
                current += ten;
            }
            else if (word == "hundred")
            {
                current = Math.Max(current, 1) * 100;
            }
            else if (word == "thousand")
            {
                total += Math.Max(current, 1) * 1000;
                current = 0;
            }
            else if (word != "and")
            {
                return null;
            }
        }

        return total + current;
    }

    /// <summary>十 = 10, 十五 = 15, 二十 = 20, 一百二十 = 120, 两千 = 2000; digits alone read positionally (一五 = 15).</summary>
    private static int? Chinese(string characters)
    {
        var total = 0;
        var digit = 0;
        var sawMultiplier = false;
        foreach (var character in characters)
        {
            if (ChineseDigits.TryGetValue(character, out var value))
            {
                digit = sawMultiplier || digit == 0 ? value : digit * 10 + value;
                continue;
            }

            var multiplier = character switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (multiplier == 0)
            {
                return null;
            }

            total += (digit == 0 ? 1 : digit) * multiplier;
            digit = 0;
            sawMultiplier = true;
        }

        return total + digit;
    }

    private static string Digits(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"(?<![a-z0-9])(?:(?<article>an?)|(?<number>(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:[\s-]+(?:and\s+)?(?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b))?)+))(?<half>\s+and\s+a\s+half)?\s+(?=" + EnglishUnits + ")")]
    private static partial Regex EnglishNumber();

    // "one and a half minutes" is left for the number reader.
    [GeneratedRegex(@"(?<![a-z0-9])(?<!\band\s+(?:an?\s+)?)(?:an?\s+)?half(?:\s+an?)?\s+(?=(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b)")]
    private static partial Regex EnglishHalf();

    [GeneratedRegex(@"(?<![0-9零〇一二两三四五六七八九十百千秒分时个])半(?=\s*(?:秒|分钟|个?小时|个?钟头))")]
    private static partial Regex ChineseHalf();

    [GeneratedRegex(@"(?<![\d.])(?<n>\d+)\s*个半(?=\s*(?:兆|字节|千字节|毫秒|秒|分钟|小时|钟头|g|m|k|mb|gb|kb)(?![a-z]))")]
    private static partial Regex AndAHalfBefore();

    [GeneratedRegex(@"(?<![\d.])(?<n>\d+)\s*(?<u>兆字节|兆|mb|gb|g|m)半")]
    private static partial Regex AndAHalfAfter();

    [GeneratedRegex(@"(?<![\w.,])\.(?=\d)")]
    private static partial Regex BareDecimal();

    [GeneratedRegex(@"(?<=(?<![\d,])\d{1,3}),(?=\d{1,2}\s*(?:seconds?|secs?|s|秒|minutes?|mins?|分钟)(?![a-z]))")]
    private static partial Regex DecimalCommaBeforeTime();

    [GeneratedRegex(@"(?<number>[零〇一二两三四五六七八九十百千]+)(?=\s*(?:个半?)?(?:兆|字节|千字节|毫秒|秒|分|小时|钟头|帧|g|m|k|mb|gb|kb))")]
    private static partial Regex ChineseNumber();
}
