using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Reads where the video is going ("compress for discord", "small enough to email", "发到电报") and returns that
/// platform from the one <see cref="UploadPlatforms"/> table; the longest name wins ("discord nitro" over "discord").
/// </summary>
internal static class PlatformExpressions
{
    private static readonly Regex Pattern = new(
        string.Join("|", UploadPlatforms.All
            .SelectMany(platform => platform.Words)
            .OrderByDescending(word => word.Length)
            .Select(word => word.All(char.IsAscii) ? $@"(?<![a-z0-9]){Regex.Escape(word)}(?![a-z0-9])" : Regex.Escape(word))),
        RegexOptions.CultureInvariant);

    public static UploadPlatform? Read(string text)
    {
        var match = Pattern.Match(text);
        return match.Success
            ? UploadPlatforms.All.First(platform => platform.Words.Contains(match.Value))
            : null;
    }
}
