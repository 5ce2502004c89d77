using System.Net;
using System.Text;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>Tests that measure memory run alone, so other tests' allocations do not blur the figure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection
{
    public const string Name = "measured";
}

internal static class Measure
{
    /// <summary>Live managed bytes after a full, compacting collection (what the process keeps for good).</summary>
    public static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public static string Mb(long bytes) => $"{bytes / 1e6:0.0} MB";
}

/// <summary>A POST with a JSON body of the given length, written over a raw socket while the answer is read.</summary>
internal static class RawUpload
{
    /// <param name="chunked">Send without a length (Transfer-Encoding: chunked), so only reading can find the size.</param>
    public static async Task<(int Status, System.Text.Json.Nodes.JsonNode Body, long Sent)> SendJsonAsync(Uri server, string path, string token,
        long length, bool chunked)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + "Content-Type: application/json\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n\r\nA\r\n{\"urls\":[\"\r\n" : $"Content-Length: {length}\r\n\r\n{{\"urls\":[\"");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        var answer = ReadAnswerAsync(stream);
        var chunk = Encoding.ASCII.GetBytes(chunked ? $"10000\r\n{new string('a', 64 * 1024)}\r\n" : new string('a', 64 * 1024));
        long sent = head.Length;
        try
        {
            while (sent < length && !answer.IsCompleted)
            {
                await stream.WriteAsync(chunk, TestContext.Current.CancellationToken);
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: the expected end.
        }

        var text = await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var status = int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        // The answer may be chunked: the envelope is the one JSON object in the body.
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var json = body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)];
        return (status, System.Text.Json.Nodes.JsonNode.Parse(json)!, sent);
    }

    /// <summary>Reads one response with a Content-Length body.</summary>
    private static async Task<string> ReadAnswerAsync(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                return Encoding.UTF8.GetString(received.ToArray());
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
            var text = Encoding.UTF8.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lengthLine = text.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            if (end >= 0 && lengthLine is not null
                && Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            {
                return text;
            }
        }
    }
}
