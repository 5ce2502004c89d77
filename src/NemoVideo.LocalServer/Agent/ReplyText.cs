namespace NemoVideo.LocalServer.Agent;

/// <summary>How a reply is cut into streamed chunks.</summary>
internal static class ReplyText
{
    private const int WordsPerChunk = 6;

    /// <summary>Streamed pieces that join back exactly into <paramref name="text"/>.</summary>
    public static IEnumerable<string> Chunks(string text)
    {
        var words = text.Split(' ');
        for (var index = 0; index < words.Length; index += WordsPerChunk)
        {
            var piece = string.Join(' ', words.Skip(index).Take(WordsPerChunk));
            yield return index + WordsPerChunk < words.Length ? piece + " " : piece;
        }
    }
}
