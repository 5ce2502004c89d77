using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>
/// The name of an uploaded file. Clients send the exact name in <c>filename*</c> (RFC 7578/8187), so any character a
/// file system allows arrives: quotes, semicolons, backslashes (legal on Linux and macOS), percent signs, Unicode.
/// </summary>
internal static partial class UploadName
{
    /// <summary>
    /// Only the last path segment, otherwise as sent. A backslash separates folders only in a whole Windows path
    /// ("C:\clips\a.mp4", "\\server\share\a.mp4", as old browsers send); anywhere else it is part of the name.
    /// </summary>
    public static string Leaf(string sent)
    {
        var name = WindowsPath().IsMatch(sent) ? sent[(sent.LastIndexOf('\\') + 1)..] : sent;
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(character => !char.IsControl(character)).ToArray()).Trim();
        return name.Trim('.').Length == 0 ? "upload" : name;
    }

    /// <summary>The leaf with the characters this platform cannot store in a file name replaced by '_'.</summary>
    public static string ForDisk(string leaf) =>
        string.Concat(leaf.Select(character => Path.GetInvalidFileNameChars().Contains(character) || character == '\\' ? '_' : character));

    [GeneratedRegex(@"^([A-Za-z]:\\|\\\\)")]
    private static partial Regex WindowsPath();
}
