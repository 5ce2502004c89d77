using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Reads where the video is going ("compress for discord", "small enough to email", "发到电报") and returns those
/// platforms from the one <see cref="UploadPlatforms"/> table; the longest name wins ("discord nitro" over "discord").
/// Platforms named but not in the table (<see cref="UploadPlatforms.Unknown"/>) are found too, so the reply can say so.
/// </summary>
internal static class PlatformExpressions
{
    private static readonly Regex Pattern = WordsPattern(UploadPlatforms.All.SelectMany(platform => platform.Words));

    // "line" and "teams" are ordinary words: only after a word that sends somewhere ("for line", "send it on teams").
    private static readonly Regex UnknownPattern = WordsPattern(UploadPlatforms.Unknown.Keys.Where(word => word is not ("line" or "teams")));

    private static readonly Regex UnknownAfterSendWord = new(
        @"\b(?:for|to|on|via|over|through|in)\s+(?<w>line|teams)\b", RegexOptions.CultureInvariant);

    public static UploadPlatform? Read(string text) => ReadAll(text).FirstOrDefault();

    /// <summary>Every platform named, in the order named, each once.</summary>
    public static IReadOnlyList<UploadPlatform> ReadAll(string text) =>
        Pattern.Matches(text)
            .Select(match => UploadPlatforms.All.First(platform => platform.Words.Contains(match.Value)))
            .Distinct()
            .ToList();

    /// <summary>The platforms named whose limit the table does not have, as replies name them.</summary>
    public static IReadOnlyList<string> ReadUnknown(string text) =>
        UnknownPattern.Matches(text).Select(match => match.Value)
            .Concat(UnknownAfterSendWord.Matches(text).Select(match => match.Groups["w"].Value))
            .Select(word => UploadPlatforms.Unknown[word])
            .Concat(Destinations.ReadUnlisted(text))
            .Distinct()
            .ToList();

    private static Regex WordsPattern(IEnumerable<string> words) => new(
        string.Join("|", words
            .OrderByDescending(word => word.Length)
            .Select(word => word.All(char.IsAscii) ? $@"(?<![a-z0-9]){Regex.Escape(word)}(?![a-z0-9])" : Regex.Escape(word))),
        RegexOptions.CultureInvariant);
}
