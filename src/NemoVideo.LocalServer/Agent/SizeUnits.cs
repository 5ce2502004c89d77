using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// The one place where letter case decides a unit: "8Mb", "500Kb", "1Gb" (capital prefix, lower-case b) are bits, as
/// SI writes them, while "8MB" and "8mb" are bytes. They are spelled out before the text is lower-cased, so the size
/// reader sees "8 megabits" and reads 1,000,000 bytes, the same as when "8 megabits" is typed.
/// </summary>
internal static partial class SizeUnits
{
    public static string SpellOutBits(string text) =>
        BitsPattern().Replace(text, match => match.Groups["n"].Value + " " + match.Groups["p"].Value switch
        {
            "K" or "k" => "kilobits",
            "G" => "gigabits",
            _ => "megabits",
        });

    [GeneratedRegex(@"(?<n>\d(?:[.,]?\d)*)\s*(?<p>[KMG])b(?![A-Za-z])")]
    private static partial Regex BitsPattern();
}
