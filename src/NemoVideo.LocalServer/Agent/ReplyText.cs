using System.Globalization;

namespace NemoVideo.LocalServer.Agent;

/// <summary>The agent's replies, and how they are cut into streamed chunks.</summary>
internal static class ReplyText
{
    private const int WordsPerChunk = 6;

    public static string Applied(Interpretation interpretation, Sessions.MediaItem video)
    {
        var source = $"{video.Name} ({video.Width}x{video.Height}, {FormatSeconds(video.DurationMs)}, {video.SizeBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)";
        return $"Done: {source} is set to {string.Join(", ", interpretation.Understood)}. " +
               "Export the video to get the file.";
    }

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

    private static string FormatSeconds(long? milliseconds) =>
        milliseconds is long value ? (value / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " s" : "unknown length";
}
