using System.Globalization;
using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>A part of the clip to keep, in milliseconds; an open end means "to the end".</summary>
internal sealed record TrimRange(long StartMs, long? EndMs)
{
    /// <summary>Words that ask for the whole clip rather than a part of it ("undo the trim", "keep the whole video").</summary>
    public bool WholeClip { get; init; }

    /// <summary>Where in the text the trim was read, so no other reader takes the same words as a size ("first 1m").</summary>
    public IReadOnlyList<Match> Matches { get; init; } = [];

    /// <summary>The text with the trim's words blanked out.</summary>
    public string Blank(string text)
    {
        var characters = text.ToCharArray();
        foreach (var match in Matches)
        {
            Array.Fill(characters, ' ', match.Index, match.Length);
        }

        return new string(characters);
    }
}

/// <summary>
/// Reads trims: "first 10 seconds", "last 5 s", "from 0:30 to 1:45", "前10秒", "从0:30到1:45", with every time form
/// people type: "0.5 s", "500 ms", "1:30", "1:02:03.5", "1 min 30 s", "1m30s", "1 minute and 30 seconds",
/// "90 seconds", "1.5 minutes", "1分30秒", "1分半" (after <see cref="NumberWords"/>: "一分半", "三十秒", "ninety seconds").
/// </summary>
internal static partial class TrimExpressions
{
    private const string Unit =
        @"(?:milliseconds|millisecond|msecs|msec|ms|毫秒|seconds|second|secs|sec|s|秒钟|秒|minutes|minute|mins|min|分钟|分|hours|hour|hrs|hr|h|个小时|小时|钟头)";

    // A clock time, or one or more number+unit parts ("1 min 30 s", "1m30s"; a bare m counts as minutes only before
    // seconds, since "10m" alone reads as a size), with an optional Chinese 半 (half of the last unit).
    private const string Time =
        @"(?:\d+:\d{1,2}(?::\d{1,2})?(?:\.\d+)?|\d+\s*m\s*\d+(?:\.\d+)?\s*s(?![a-z])|\d+(?:\.\d+)?\s*" + Unit + @"(?![a-z])(?:\s*(?:and\s+|,\s*)?\d+(?:\.\d+)?\s*" + Unit + @"(?![a-z]))*半?)";

    // After a trim word, a bare m is minutes ("first 1m"): a size is never "the first" of anything.
    // "the first second", "the last minute": one of that unit.
    private const string TrimTime = "(?:" + Time + @"|\d+(?:\.\d+)?\s*m(?![a-z])|(?:a\s+|one\s+)?(?:second|minute)(?![a-z]))";

    // A bare number: seconds when the sentence is about keeping a part ("keep 1-3s", "keep seconds 2 through 4").
    private const string Number = @"\d+(?:\.\d+)?";

    public static TrimRange? Read(string text, long? durationMs)
    {
        // "cut the first and last second", "1 s from both ends", "开头和结尾各1秒": the same time off each end.
        var bothEnds = BothEndsPattern().Match(text);
        if (bothEnds.Success && durationMs is long whole)
        {
            var each = Milliseconds(bothEnds.Groups["t"].Value);
            return new TrimRange(each, Math.Max(each, whole - each)) { Matches = [bothEnds] };
        }

        // "the first half", "second half only", "前一半": half of the clip, not half the size.
        var half = HalfOfClipPattern().Match(text);
        if (half.Success && durationMs is long length2)
        {
            var middle = length2 / 2;
            return half.Groups["first"].Success
                ? new TrimRange(0, middle) { Matches = [half] }
                : new TrimRange(middle, null) { Matches = [half] };
        }

        // Both ends may be cut in one sentence ("drop the first 2 seconds and the last 1 second"): read both.
        var dropFirst = DropFirstPattern().Match(text);
        var dropLast = DropLastPattern().Match(text);
        if (dropFirst.Success && !dropLast.Success)
        {
            dropLast = LastPattern().Match(text, dropFirst.Index + dropFirst.Length);
        }
        else if (dropLast.Success && !dropFirst.Success)
        {
            dropFirst = FirstPattern().Match(text, dropLast.Index + dropLast.Length);
        }

        if (dropFirst.Success && !dropLast.Success)
        {
            // "remove the first 0.5 seconds, keep until 0:05": the end comes from another phrase.
            var upToAfter = UpToPattern().Match(text, dropFirst.Index + dropFirst.Length);
            var keepFirst = FirstPattern().Matches(text).FirstOrDefault(match => match.Index >= dropFirst.Index + dropFirst.Length || match.Index + match.Length <= dropFirst.Index);
            var endPhrase = upToAfter.Success ? upToAfter : UpToPattern().Matches(text).FirstOrDefault(match => match.Index + match.Length <= dropFirst.Index) ?? keepFirst;
            if (endPhrase is not null)
            {
                return new TrimRange(Milliseconds(dropFirst.Groups["t"].Value), Milliseconds(endPhrase.Groups["t"].Value)) { Matches = [dropFirst, endPhrase] };
            }
        }

        if (dropLast.Success && !dropFirst.Success && durationMs is long total
            && FromPattern().Matches(text).FirstOrDefault(match => match.Index + match.Length <= dropLast.Index || match.Index >= dropLast.Index + dropLast.Length) is { } startPhrase)
        {
            // "start at 0:01 and cut the last 2 seconds".
            return new TrimRange(Milliseconds(startPhrase.Groups["a"].Value), Math.Max(0, total - Milliseconds(dropLast.Groups["t"].Value))) { Matches = [startPhrase, dropLast] };
        }

        if (dropFirst.Success || dropLast.Success)
        {
            var start = dropFirst.Success ? Milliseconds(dropFirst.Groups["t"].Value) : 0;
            long? end = dropLast.Success && durationMs is long length
                ? Math.Max(0, length - Milliseconds(dropLast.Groups["t"].Value))
                : null;
            if (dropFirst.Success || end is not null)
            {
                return new TrimRange(start, end) { Matches = new[] { dropFirst, dropLast }.Where(match => match.Success).ToList() };
            }
        }

        // "keep the middle 4 seconds", "中间4秒": a window centred in the clip.
        var centre = MiddlePattern().Match(text);
        if (centre.Success && durationMs is long clip)
        {
            var window = Math.Min(Milliseconds(centre.Groups["t"].Value), clip);
            var opens = (clip - window) / 2;
            return new TrimRange(opens, opens + window) { Matches = [centre] };
        }

        var first = FirstPattern().Match(text);
        if (first.Success)
        {
            return new TrimRange(0, Milliseconds(first.Groups["t"].Value)) { Matches = [first] };
        }

        var last = LastPattern().Match(text);
        if (last.Success && durationMs is long duration)
        {
            return new TrimRange(Math.Max(0, duration - Milliseconds(last.Groups["t"].Value)), null) { Matches = [last] };
        }

        var range = RangePattern().Match(text);
        if (range.Success)
        {
            var end = range.Groups["b"].Value;
            end = end.Contains(':') || UnitPattern().IsMatch(end) ? end : end + "s";
            return new TrimRange(Milliseconds(WithUnitOf(range.Groups["a"].Value, end)), Milliseconds(end)) { Matches = [range] };
        }

        // "trim to 3 seconds", "until 0:02", "剪到3秒": keep from the start up to that time.
        var upTo = UpToPattern().Match(text);
        if (upTo.Success)
        {
            return new TrimRange(0, Milliseconds(upTo.Groups["t"].Value)) { Matches = [upTo] };
        }

        var from = FromPattern().Match(text);
        if (from.Success)
        {
            return new TrimRange(Milliseconds(from.Groups["a"].Value), null) { Matches = [from] };
        }

        // Read last: "undo the trim and keep the first 5 seconds" is a new trim.
        var wholeClip = WholeClipPattern().Match(text);
        return wholeClip.Success ? new TrimRange(0, null) { Matches = [wholeClip], WholeClip = true } : null;
    }

    /// <summary>
    /// The words of a request to remove a part that is not simply the start or the end ("remove 1s-2s", "skip the intro
    /// (first 2 seconds)"), or null. Read as a trim, such words would keep exactly the part the user wanted gone, so
    /// the instruction is declined instead.
    /// </summary>
    public static string? FindRemovalItCannotRead(string text)
    {
        var removal = RemovalPattern().Match(text);
        if (!removal.Success)
        {
            return null;
        }

        foreach (var drop in new[] { DropFirstPattern().Match(text), DropLastPattern().Match(text), BothEndsPattern().Match(text), WholeClipPattern().Match(text) })
        {
            if (drop.Success && drop.Index <= removal.Index && removal.Index < drop.Index + drop.Length)
            {
                return null;
            }
        }

        return removal.Value.Trim();
    }

    /// <summary>
    /// Words that ask for a trim without saying what to keep ("trim it a bit", "shorten it", "剪短一点"), or null: the
    /// reply then says how to ask, rather than compressing the whole clip as if nothing had been said.
    /// </summary>
    public static string? FindTrimWithoutTime(string text)
    {
        var match = TrimIntentPattern().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>A time with no word saying what to do with it ("1m30s", "90 seconds"), or null.</summary>
    public static string? FindBareTime(string text)
    {
        var match = BareTimePattern().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>"from 10 to 20 seconds": a bare start takes the end's unit (seconds when the end is a clock time).</summary>
    private static string WithUnitOf(string start, string end)
    {
        if (start.Contains(':') || UnitPattern().IsMatch(start))
        {
            return start;
        }

        return start + (end.Contains(':') ? "s" : PartPattern().Match(end).Groups["u"].Value);
    }

    /// <summary>"1:45" → 105 000; "90s" → 90 000; "2 min" → 120 000; "1 min 30 s" → 90 000; "1分半" → 90 000; "500 ms" → 500.</summary>
    internal static long Milliseconds(string time)
    {
        time = time.Trim();
        if (!time.Any(char.IsDigit))
        {
            // "second", "a minute": one of that unit.
            time = "1 " + OneUnitPrefix().Replace(time, string.Empty);
        }

        if (time.Contains(':'))
        {
            var seconds = time.Split(':').Aggregate(0.0, (total, part) => total * 60 + double.Parse(part, CultureInfo.InvariantCulture));
            return (long)Math.Round(seconds * 1000);
        }

        double total = 0;
        double lastScale = 1000;
        foreach (Match part in PartPattern().Matches(time))
        {
            lastScale = part.Groups["u"].Value switch
            {
                "milliseconds" or "millisecond" or "msecs" or "msec" or "ms" or "毫秒" => 1,
                "minutes" or "minute" or "mins" or "min" or "m" or "分钟" or "分" => 60_000,
                "hours" or "hour" or "hrs" or "hr" or "h" or "个小时" or "小时" or "钟头" => 3_600_000,
                _ => 1000,
            };
            total += double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture) * lastScale;
        }

        if (time.EndsWith('半'))
        {
            total += lastScale / 2;
        }

        return (long)Math.Round(total);
    }

    [GeneratedRegex(@"\b(?:keep|use|restore|return to|go back to|want)\s+(?:back\s+)?(?:the\s+|my\s+)?(?:whole|entire|full|complete|original|untrimmed)\s+(?:video|clip|thing|length|recording|movie|duration)\b|\b(?:undo|reverse|revert|cancel|remove|drop|forget|scrap)\s+(?:the\s+|my\s+|that\s+|your\s+)?(?:earlier\s+|previous\s+|last\s+)?(?:trim|trimming|cut)\b|\b(?:don'?t|do not|no need to)\s+trim\b|\bno\s+trim(?:ming)?\b|\bun-?trim\b|(?:保留|要|恢复|还原)(?:为|成)?(?:完整|整个|全部|原来)的?(?:视频|长度|时长)|(?:撤销|取消|撤回)(?:之前的|刚才的|上次的)?(?:剪辑|裁剪|剪切)|不要剪(?:辑|切)?")]
    private static partial Regex WholeClipPattern();

    [GeneratedRegex(@"\b(?:remove|delete|drop|skip|lose|get rid of|cut out|cut)\s+(?:the\s+|a\s+)?(?:intro|outro|opening|ending|part|section|bit|segment|middle|seconds?)?\s*\(?\s*(?:from\s+|between\s+)?(?:\d[^,;]*|first\b[^,;]*|last\b[^,;]*)")]
    private static partial Regex RemovalPattern();

    [GeneratedRegex(@"(?<part>(?<n>\d+(?:\.\d+)?)\s*(?<u>" + Unit + @"|m))")]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"\b(?:cut|remove|delete|drop|skip|lose|trim|chop|strip|get rid of|without|except(?:\s+for)?|but|apart from|other than)\s+(?:off\s+)?(?:the\s+)?first\s+(?<t>" + TrimTime + @")|(?:除了|除去|除)\s*(?:前|开头(?:的)?)\s*(?<t>" + Time + @")|\b(?:cut|remove|delete|drop|trim|chop|strip|shave|take)\s+(?:off\s+)?(?<t>" + TrimTime + @")\s+(?:from|off)\s+(?:the\s+)?(?:start|beginning|front)\b|(?:去掉|去除|剪掉|剪去|删掉|删除|跳过|不要)\s*(?:最前面(?:的)?|前面(?:的)?|前|开头(?:的)?)\s*(?<t>" + Time + @")|(?:最前面(?:的)?|前面(?:的)?|前|开头(?:的)?)\s*(?<t>" + Time + @")\s*(?:的)?\s*(?:不要|去掉|去除|剪掉|删掉|删除)")]
    private static partial Regex DropFirstPattern();

    [GeneratedRegex(@"\b(?:cut|remove|delete|drop|skip|lose|trim|chop|strip|get rid of|without|except(?:\s+for)?|but|apart from|other than)\s+(?:off\s+)?(?:the\s+)?last\s+(?<t>" + TrimTime + @")|(?:除了|除去|除)\s*(?:最后|结尾(?:的)?)\s*(?<t>" + Time + @")|(?:\b(?:cut|remove|delete|drop|trim|chop|strip|shave|take)\s+(?:off\s+)?|(?:\band|,)\s*)(?<t>" + TrimTime + @")\s+(?:from|off)\s+(?:the\s+)?(?:end|ending|back)\b|(?:去掉|去除|剪掉|剪去|删掉|删除|不要)\s*(?:最后面(?:的)?|后面(?:的)?|最后|结尾(?:的)?|末尾(?:的)?)\s*(?<t>" + Time + @")|(?:最后面(?:的)?|后面(?:的)?|最后|结尾(?:的)?|末尾(?:的)?)\s*(?<t>" + Time + @")\s*(?:的)?\s*(?:不要|去掉|去除|剪掉|删掉|删除)")]
    private static partial Regex DropLastPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?:first|opening|initial)\s+(?<t>" + TrimTime + @")|(?:前面的?|前|开头|开始的?)\s*(?<t>" + Time + ")")]
    private static partial Regex FirstPattern();

    [GeneratedRegex(@"(?<![a-z0-9_.])(?:last|final|closing)\s+(?<t>" + TrimTime + @")|(?:最后|后|结尾)\s*(?<t>" + Time + ")")]
    private static partial Regex LastPattern();

    [GeneratedRegex(@"(?:from|between)\s*(?<a>" + Time + @"|\d+(?:\.\d+)?)\s*(?:to|and|until|till|-|–|~)\s*(?<b>" + Time + @")|(?<a>" + Time + @")\s*(?:to|and|until|till|-|–|~)\s*(?<b>" + Time + @")|从\s*(?<a>" + Time + @"|\d+(?:\.\d+)?)\s*(?:到|至)\s*(?<b>" + Time + @")|(?:\bkeep|\bonly|\btrim to|\bcut to|截取|保留|只要|只保留|剪出)\s*(?:only\s+)?(?:from\s+)?(?:the\s+)?(?:seconds?\s+)?(?<a>" + Time + "|" + Number + @")\s*(?:to|through|thru|until|till|and|-|–|~|到|至)\s*(?<b>" + Time + "|" + Number + ")")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\b(?:cut|remove|delete|drop|trim|chop|strip|shave|take)\s+(?:off\s+)?(?:the\s+)?first\s+and\s+(?:the\s+)?last\s+(?<t>" + TrimTime + @")|\b(?:cut|remove|delete|drop|trim|chop|strip|shave|take)\s+(?:off\s+)?(?<t>" + TrimTime + @")\s+(?:off\s+|from\s+)?(?:both ends|each end|either end|the start and (?:the\s+)?end|the beginning and (?:the\s+)?end)\b|(?:开头和结尾|开头结尾|首尾|两头|前后)\s*各\s*(?:去掉|剪掉|删掉)?\s*(?<t>" + Time + ")")]
    private static partial Regex BothEndsPattern();

    [GeneratedRegex(@"\b(?<first>first|opening)\s+half\b|\b(?:second|last|latter|back)\s+half\b|(?<first>前一半|前半段|前半部分|上半段)|(?:后一半|后半段|后半部分|下半段)")]
    private static partial Regex HalfOfClipPattern();

    [GeneratedRegex(@"\b(?:trim|cut|shorten|chop)\s+(?:it\s+|the\s+(?:video|clip)\s+)?(?:down\s+)?to\s+(?:the\s+first\s+)?(?<t>" + Time + @")|\bmake\s+it\s+(?<t>" + Time + @")\s+long\b|\b(?:just\s+|only\s+)?keep\s+(?:only\s+|just\s+)?(?<t>" + Time + @")(?![\w:.])(?!\s*(?:to|through|thru|until|till|and|-|–|~)\s*\d)|\b(?:up\s+)?(?:until|till|up to)\s+(?<t>" + Time + @")|(?:剪到|剪成|截到|截成|缩短到|缩短成|只要到)\s*(?<t>" + Time + @")|到\s*(?<t>" + Time + @")\s*为止")]
    private static partial Regex UpToPattern();

    [GeneratedRegex(@"(?<![\w.:])" + Time + @"(?![\w.:])")]
    private static partial Regex BareTimePattern();

    [GeneratedRegex(@"\b(?:middle|central|center|centre)\s+(?<t>" + TrimTime + @")|中间(?:的)?\s*(?<t>" + Time + ")")]
    private static partial Regex MiddlePattern();

    [GeneratedRegex(@"\btrim(?:med|ming)?\b|\bshorten\b|\bshorter\b|剪短|缩短|截短|剪一下|剪辑一下")]
    private static partial Regex TrimIntentPattern();

    [GeneratedRegex(@"^(?:a|one)\s+")]
    private static partial Regex OneUnitPrefix();

    [GeneratedRegex(@"(?:from|starting at|start at)\s+(?<a>" + Time + @")|从\s*(?<a>" + Time + @")\s*开始")]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"[^\d.\s].*$")]
    private static partial Regex UnitPattern();
}
