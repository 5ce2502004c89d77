using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// An instruction's parts, split at "and", commas, "also", "then" (和, 并且, 然后, 再…), each with where it sits, so a
/// part that cannot be done can be set aside while the others are still read. A comma between two digits is a
/// decimal or thousands separator ("1,5 MB"), not a split.
/// </summary>
internal static partial class Clauses
{
    /// <summary>Each part as (start index, length), separators left out.</summary>
    public static IReadOnlyList<(int Start, int Length)> Spans(string text)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        foreach (Match separator in SeparatorPattern().Matches(text))
        {
            spans.Add((start, separator.Index - start));
            start = separator.Index + separator.Length;
        }

        spans.Add((start, text.Length - start));
        return spans;
    }

    /// <summary>The text with the part that holds <paramref name="index"/> blanked out (indices kept).</summary>
    public static string BlankPartAt(string text, int index)
    {
        foreach (var (start, length) in Spans(text))
        {
            if (index >= start && index < start + Math.Max(length, 1))
            {
                return text[..start] + new string(' ', length) + text[(start + length)..];
            }
        }

        return text;
    }

    [GeneratedRegex(@"\s*(?:(?<!\d)[,;，；、]|[,;，；、](?!\d)|;|\band\b|\balso\b|\bthen\b|\bplus\b|并且|然后|同时|还要|而且|和)\s*")]
    internal static partial Regex SeparatorPattern();
}
