using System.Text.Json;

namespace NemoVideo.Client.Tests;

public class ReplyAssemblerTests
{
    private readonly ReplyAssembler assembler = new(new ErrorContext(true, null, new Uri("https://web.test/"), "sess-1"));
    private readonly List<AgentSignal> signals = new();

    private static SseMessage Data(string json) => new(null, json, false);

    private static string Text(string text, bool partial = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["content"] = new { role = "model", parts = new[] { new { text } } },
            ["partial"] = partial,
            ["author"] = "nemo_agent",
        });

    private List<string> Feed(params string[] events)
    {
        var texts = new List<string>();
        foreach (var json in events)
        {
            signals.Clear();
            assembler.Accept(Data(json), signals);
            texts.AddRange(signals.Where(signal => signal.Kind == InstructionProgressKind.Text).Select(signal => signal.Text));
        }

        return texts;
    }

    [Fact]
    public void PartialChunksThenTheRepeatedFinalAreReportedAndKeptOnce()
    {
        var reported = Feed(Text("Adding ", true), Text("music now", true), Text("Adding music now"));

        Assert.Equal(new[] { "Adding ", "music now" }, reported);
        Assert.Equal("Adding music now", assembler.Reply);
    }

    [Fact]
    public void FinalThatExtendsTheChunksReportsOnlyTheTail()
    {
        var reported = Feed(Text("Done", true), Text("Done. Export when ready."));

        Assert.Equal(new[] { "Done", ". Export when ready." }, reported);
        Assert.Equal("Done. Export when ready.", assembler.Reply);
    }

    [Fact]
    public void CumulativePartialsAreNotDuplicated()
    {
        var reported = Feed(Text("Tri", true), Text("Trimming", true), Text("Trimming the clip", true), Text("Trimming the clip"));

        Assert.Equal(new[] { "Tri", "mming", " the clip" }, reported);
        Assert.Equal("Trimming the clip", assembler.Reply);
    }

    [Fact]
    public void TwoTurnsAreJoinedAndARetransmittedFinalIsIgnored()
    {
        Feed(Text("First stage done."), Text("First stage done."), Text("Music and title added."));

        Assert.Equal("First stage done.\nMusic and title added.", assembler.Reply);
    }

    [Fact]
    public void EventsRunTogetherWithoutBlankLinesAreEachTaken()
    {
        var reported = Feed(Text("one ", true) + "\n" + Text("two", true));

        Assert.Equal(new[] { "one ", "two" }, reported);
        Assert.Equal("one two", assembler.Reply);
    }

    [Fact]
    public void ChunksWithoutAFinalStillFormTheReply()
    {
        Feed(Text("half ", true), Text("reply", true));

        Assert.Equal("half reply", assembler.Reply);
    }

    [Fact]
    public void ThoughtPartsAreNotPartOfTheReply()
    {
        Feed("""{"content":{"parts":[{"text":"thinking...","thought":true},{"text":"Answer"}]}}""");

        Assert.Equal("Answer", assembler.Reply);
    }

    [Fact]
    public void FunctionCallsAndResponsesArePairedById()
    {
        Feed(
            """{"content":{"role":"model","parts":[{"functionCall":{"id":"c1","name":"add_bgm","args":{"style":"lofi"}}}]}}""",
            """{"content":{"role":"user","parts":[{"functionResponse":{"id":"c1","name":"add_bgm","response":{"ok":true}}}]},"actions":{"stateDelta":{"draft_version":2}}}""");

        var call = Assert.Single(assembler.ToolCalls);
        Assert.Equal(new NemoToolCall("c1", "add_bgm", """{"style":"lofi"}""", """{"ok":true}"""), call);
        Assert.True(assembler.StateChanged);
        Assert.Equal(string.Empty, assembler.Reply);
    }

    [Fact]
    public void ToolCallsAreSignalledByName()
    {
        signals.Clear();
        assembler.Accept(Data("""{"content":{"parts":[{"functionCall":{"name":"trim","args":{}}}]}}"""), signals);

        Assert.Equal(new[] { (InstructionProgressKind.ToolCall, "trim") }, signals.Select(signal => (signal.Kind, signal.Text)));
    }

    [Theory]
    [InlineData(true, null, "")]
    [InlineData(false, "heartbeat", "")]
    [InlineData(false, "heartbeat", "{}")]
    [InlineData(false, null, "")]
    [InlineData(false, null, "   ")]
    public void HeartbeatsInEveryFormAreNotMeaningful(bool comment, string? eventName, string data)
    {
        Assert.False(assembler.Accept(new SseMessage(eventName, data, comment), signals));
        Assert.Empty(signals);
    }

    [Fact]
    public void AnEventWithNothingToShowStillCountsAsActivity()
    {
        Assert.True(assembler.Accept(Data("""{"turnComplete":true}"""), signals));
        Assert.Empty(signals);
        Assert.False(assembler.StateChanged);
    }

    [Theory]
    [InlineData("""{"error":"model overloaded"}""", "model overloaded")]
    [InlineData("""{"error":{"message":"tool crashed"}}""", "tool crashed")]
    [InlineData("""{"errorCode":"MALFORMED_FUNCTION_CALL","errorMessage":"bad call"}""", "bad call")]
    public void ErrorEventsEndTheInstructionWithAnAgentError(string json, string detail)
    {
        var error = Assert.Throws<NemoException>(() => assembler.Accept(Data(json), signals));

        Assert.Equal("Nemo.Instruction.AgentError", error.ErrorId);
        Assert.Contains(detail, error.Message);
        Assert.Equal("sess-1", error.Target);
    }

    [Fact]
    public void ErrorEventWithAnApiCodeUsesTheErrorTable()
    {
        var error = Assert.Throws<NemoException>(() => assembler.Accept(Data("""{"error":{"code":2001,"message":"no credits"}}"""), signals));

        Assert.Equal("Nemo.Credits.Exhausted", error.ErrorId);
        Assert.Equal(2001, error.ApiCode);
    }

    [Fact]
    public void NonJsonDataIsIgnoredButCountsAsActivity()
    {
        Assert.True(assembler.Accept(Data("[DONE]"), signals));
        Assert.Equal(string.Empty, assembler.Reply);
    }
}
