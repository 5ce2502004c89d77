using System.Collections.Concurrent;

namespace NemoVideo.Client.Tests.Support;

public sealed class RecordingLog : ILogSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => lines.ToList();

    public string All => string.Join("\n", lines);

    public void Verbose(string message) => lines.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => lines.Enqueue("DEBUG: " + message);
}
