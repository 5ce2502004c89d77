using System.Text;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class SseReaderTests
{
    private static async Task<List<SseMessage>> ReadAll(Stream stream)
    {
        var reader = new SseReader(stream, bufferSize: 64);
        var messages = new List<SseMessage>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is SseMessage message)
        {
            messages.Add(message);
        }

        return messages;
    }

    private static Task<List<SseMessage>> ReadAll(string text, params int[] chunks) =>
        ReadAll(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunks));

    // Every kind of awkwardness in one stream: comments, named heartbeat, empty data, multi-line data, CRLF, bare CR,
    // non-ASCII text, an id field, and a last event with no trailing blank line.
    private const string Awkward =
        ": keep-alive\r\n\r\n" +
        "event: heartbeat\r\ndata: \r\n\r\n" +
        "data:\n\n" +
        "data: {\"a\":1,\r\ndata: \"b\":\"视频 ✓\"}\r\n\r\n" +
        "id: 7\rdata: {\"partial\":true}\r\r" +
        "data: last";

    private static readonly SseMessage[] AwkwardExpected =
    {
        new(null, "keep-alive", IsComment: true),
        new("heartbeat", string.Empty, IsComment: false),
        new(null, string.Empty, IsComment: false),
        new(null, "{\"a\":1,\n\"b\":\"视频 ✓\"}", IsComment: false),
        new(null, "{\"partial\":true}", IsComment: false),
        new(null, "last", IsComment: false),
    };

    [Fact]
    public async Task ParsesTheAwkwardCorpusInOneRead()
    {
        Assert.Equal(AwkwardExpected, await ReadAll(Awkward));
    }

    [Fact]
    public async Task ParsesTheSameAtEveryChunkBoundary()
    {
        var bytes = Encoding.UTF8.GetBytes(Awkward);
        for (var split = 1; split < bytes.Length; split++)
        {
            // First read ends at byte 'split' (mid-line, between CR and LF, inside a UTF-8 character), then the rest.
            var messages = await ReadAll(new ChunkedStream(bytes, split, bytes.Length));
            Assert.True(AwkwardExpected.SequenceEqual(messages), $"split at byte {split}");
        }
    }

    [Fact]
    public async Task ParsesTheSameOneByteAtATime()
    {
        Assert.Equal(AwkwardExpected, await ReadAll(Awkward, 1));
    }

    [Fact]
    public async Task ColonlessFieldAndUnknownFieldsAreHandledAsTheStandardSays()
    {
        var messages = await ReadAll("retry: 100\nfoo: bar\ndata\n\ndata: x\n\n");

        Assert.Equal(new[] { new SseMessage(null, string.Empty, false), new SseMessage(null, "x", false) }, messages);
    }

    [Fact]
    public async Task ALeadingByteOrderMarkIsSkippedButNotALaterOne()
    {
        var messages = await ReadAll("\uFEFFdata: a\n\ndata: \uFEFFb\n\n");

        Assert.Equal(new[] { "a", "\uFEFFb" }, messages.Select(message => message.Data));
    }

    [Fact]
    public async Task BlankLinesWithoutFieldsDispatchNothing()
    {
        Assert.Empty(await ReadAll("\n\n\r\n\r\n"));
    }

    [Fact]
    public async Task LargeEventSpanningManyReadsIsOneMessage()
    {
        var text = new string('x', 10_000);

        var message = Assert.Single(await ReadAll($"data: {text}\n\n", 7));

        Assert.Equal(text, message.Data);
    }
}
