using System.Text.RegularExpressions;

namespace NemoVideo.LocalServer.Agent;

/// <summary>
/// Finds the parts of an instruction nothing was read from, so the reply can name them instead of dropping them
/// ("compress to 10MB and make it pop": the second part). The instruction is split at "and", commas, "also", "then"
/// (和, 并且, 然后, 再…); a part that only holds polite or linking words is not a request.
/// </summary>
internal static partial class UnreadParts
{
    /// <param name="text">The normalised instruction, with the words already read as a trim blanked out.</param>
    /// <param name="isRead">True when the part alone asks for something the interpreter read (done or said not done).</param>
    /// <param name="alreadyRead">Spans of the text already read (a trim's words): a part that overlaps one was read.</param>
    public static IReadOnlyList<string> Find(string text, Func<string, bool> isRead, IReadOnlyList<(int Start, int Length)>? alreadyRead = null) =>
        Clauses.Spans(text)
            .Where(span => alreadyRead is null || !alreadyRead.Any(read => read.Start < span.Start + span.Length && span.Start < read.Start + read.Length))
            .Select(span => text.Substring(span.Start, span.Length).Trim(' ', '.', '!', '?', '。', '！', '？', '"', '\''))
            .Where(part => part.Length > 0 && !IsOnlyFiller(part) && !isRead(part))
            .Distinct()
            .ToList();

    private static bool IsOnlyFiller(string part) => !ContentPattern().IsMatch(FillerPattern().Replace(part, " "));

    [GeneratedRegex(@"\b(?:please|pls|plz|thanks|thank you|it|its|it's|this|that|the|a|an|my|video|clip|file|movie|footage|me|too|just|only|"
        + @"keep|make|can|could|would|you|i|i'd|like|want|need|to|so|ok|okay|now|do|send|post|share|upload|be|is|should|will|with|of|in|on|"
        + @"for|all|everything|whole|rest|small|enough|remove|cut|drop|trim|delete|get|rid|from|up|off|out|down|hey|hi|both|ends?|start|end|"
        + @"beginning|part|section|bit|seconds?|minutes?|also|there)\b"
        + @"|帮我|帮忙|请|一下|谢谢|视频|文件|吧|啊|呢|都要|只要|要|我|给我|把|它|这个|发给|发到|发|也|能|一点|的|了|都|保留|去掉|剪掉|部分|开头|结尾")]
    private static partial Regex FillerPattern();

    [GeneratedRegex(@"[a-z0-9]|[\u4e00-\u9fff]")]
    private static partial Regex ContentPattern();
}
