using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Finds a destination named that is in neither platform list ("compress for myspace", "send it to vimeo"): a single
/// word after for/to/on/via that ends the part and is not an ordinary word of an instruction. Such a name is said to
/// be not known, never silently replaced by default settings.
/// </summary>
internal static partial class Destinations
{
    private static readonly HashSet<string> OrdinaryWords = new(StringComparer.Ordinal)
    {
        "me", "us", "you", "him", "her", "them", "it", "this", "that", "these", "those", "everyone", "everybody", "anyone",
        "friends", "friend", "family", "work", "school", "home", "later", "now", "today", "tomorrow", "free", "fun", "mobile",
        "phone", "phones", "web", "online", "internet", "storage", "backup", "archive", "smaller", "small", "less", "size",
        "quality", "speed", "minimum", "maximum", "max", "min", "default", "defaults", "half", "quarter", "third", "audio",
        "sound", "mute", "silent", "end", "start", "beginning", "vertical", "portrait", "landscape", "lossless", "best",
        "better", "good", "fine", "sure", "please", "thanks", "both", "all", "each", "once", "twice", "again", "x", "twitter",
        "mp4", "webm", "mov", "gif", "apng", "webp", "avi", "mkv", "wmv", "flv", "mpeg", "mpg", "m4v", "mp3", "wav", "m4a",
        "flac", "ogg", "h264", "h265", "hevc", "avc", "vp9", "x264", "x265", "hd", "sd", "uhd", "fhd", "fullhd", "sharing",
        "upload", "email", "mail", "slack", "telegram", "whatsapp", "discord", "nitro", "gmail", "outlook", "hotmail",
        "signal", "seconds", "second", "minutes", "minute", "frames", "fps", "bytes", "kb", "mb", "gb", "megabytes", "less",
        "them", "clients", "client", "boss", "team", "colleagues", "mom", "dad", "grandma", "presentation", "slides",
        "fit", "go", "send", "share", "post", "view", "watch", "play", "save", "keep", "use", "download", "print", "attach",
        "stream", "run", "load", "real", "sure", "good", "anything", "something", "everything", "someone", "somebody",
        "nothing", "desktop", "laptop", "tv", "ipad", "iphone", "android", "ios", "pc", "mac", "windows", "linux",
        "computer", "tablet", "disk", "drive", "usb", "cloud", "server", "there", "here", "top", "me", "mp4s", "videos",
    };

    public static IEnumerable<string> ReadUnlisted(string text) =>
        CandidatePattern().Matches(text)
            .Select(match => match.Groups["w"].Value)
            .Where(word => !OrdinaryWords.Contains(word) && !word.EndsWith("ing", StringComparison.Ordinal)
                && !word.EndsWith("ly", StringComparison.Ordinal) && !UploadPlatforms.Unknown.ContainsKey(word));

    [GeneratedRegex(@"\b(?:for|to|on|onto|via|through|over)\s+(?<w>[a-z][a-z0-9]+)(?=\s*(?:$|[,;.!?，；。！？]|\b(?:and|please|then|also|too|thanks)\b))")]
    private static partial Regex CandidatePattern();
}
