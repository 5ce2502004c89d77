using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>
/// What a client is told when the engine fails a render, and whether a resubmission may pass. A failure about the request
/// or the source (a size too small, a trim without frames, a file that is no video) keeps the engine's words, with the
/// server's own paths replaced by the names the client knows. A failure of the server's tools says only that: ffmpeg's
/// output names the server's folders and nothing in it is for the client to act on (the server logs it in full).
/// </summary>
public static class RenderFailureReason
{
    /// <summary>
    /// Whether the same render may succeed when submitted again: ffmpeg failing (a full disk, a crash) or stopped by a
    /// signal on the server (an operator's kill, a container stopping), or a leftover output in the way. Everything else
    /// is about the request or the source and would fail again, costing a second render.
    /// </summary>
    public static bool IsTransient(CompressionFailure kind) =>
        kind is CompressionFailure.EncoderFailed or CompressionFailure.Interrupted or CompressionFailure.OutputExists;

    /// <param name="error">The engine's failure.</param>
    /// <param name="sourcePath">The source's path on the server; <paramref name="sourceName"/> replaces it.</param>
    /// <param name="sourceName">The name the client uploaded the source as.</param>
    /// <param name="outputPath">The path the server asked the engine to write; <paramref name="outputName"/> replaces it.</param>
    /// <param name="outputName">The render's file name as the client downloads it.</param>
    public static string For(CompressionException error, string sourcePath, string sourceName, string outputPath, string outputName) =>
        error.Kind switch
        {
            CompressionFailure.EncoderFailed when error.Signal is { } crash =>
                $"The server's encoder (ffmpeg) crashed ({crash}) while rendering '{sourceName}'; its output is in the server's log. Submit the render again; if it crashes again, tell the server's operator.",
            CompressionFailure.EncoderFailed =>
                $"The server's encoder (ffmpeg) failed while rendering '{sourceName}'; its output is in the server's log. Submit the render again.",
            CompressionFailure.Interrupted =>
                $"The server's encoder (ffmpeg) was stopped by a signal from outside the server{SignalClause(error.Signal)} (an operator, a container stopping, or the system out of memory) while rendering '{sourceName}'. Submit the render again.",
            CompressionFailure.ToolMissing => "The server cannot render: its ffmpeg or ffprobe is missing. Tell the server's operator.",
            CompressionFailure.OutputExists => $"The server found an earlier output of '{sourceName}' in its way. Submit the render again.",
            _ => Named(error.Message, (sourcePath, sourceName), (outputPath, outputName)),
        };

    /// <summary>A signal's name for a client (" (SIGKILL, signal 9)"): a number and a name say nothing about the server's folders.</summary>
    private static string SignalClause(string? signal) => signal is null ? string.Empty : $" ({signal})";

    private static string Named(string message, params (string Path, string Name)[] files)
    {
        foreach (var (path, name) in files)
        {
            message = message.Replace(path, name, StringComparison.Ordinal);
        }

        return message;
    }
}
