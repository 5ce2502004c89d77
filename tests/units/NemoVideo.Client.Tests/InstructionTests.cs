using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class InstructionTests
{
    private const string RunSse = TestClient.Api + "run_sse";

    private static string Event(string json) => "data: " + json + "\n\n";

    private static string TextEvent(string text, bool partial) =>
        Event(JsonSerializer.Serialize(new { content = new { role = "model", parts = new[] { new { text } } }, partial }));

    private const string Bgm = """{"t":[{"tt":0,"sg":[{"n":"clip","st":0,"et":5000}]},{"tt":1,"sg":[{"n":"Lo-fi","st":0,"et":5000,"v":0.35}]}],"d":5000}""";
    private const string BgmAndTitle = """{"t":[{"tt":0,"sg":[{"n":"clip","st":0,"et":5000}]},{"tt":1,"sg":[{"n":"Lo-fi","st":0,"et":5000,"v":0.35}]},{"tt":7,"sg":[{"tx":"Hi","st":0,"et":2000}]}],"d":5000}""";

    [Fact]
    public async Task StreamsTheReplyOnceMapsGuiPhrasesAndReportsChanges()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo), Drafts.State(Bgm));
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(
            ": ping\n\n" +
            Event("""{"content":{"role":"model","parts":[{"functionCall":{"id":"f1","name":"add_bgm","args":{"style":"lofi"}}}]}}""") +
            "event: heartbeat\ndata:\n\n" +
            TextEvent("Added lo-fi music. ", true) +
            TextEvent("Click Export to render.", true) +
            TextEvent("Added lo-fi music. Click Export to render.", false) +
            Event("""{"turnComplete":true}""")));
        var progress = new ListProgress<InstructionProgress>();

        var result = await test.Client.SendInstructionAsync(test.Session, "add lo-fi music", progress, TestContext.Current.CancellationToken);

        Assert.Equal("Added lo-fi music. Click Export to render.", result.Reply);
        Assert.False(result.StreamDropped);
        Assert.Equal("add_bgm", Assert.Single(result.ToolCalls).Name);
        var change = Assert.Single(result.Changes);
        Assert.Equal(TimelineChangeKind.TrackAdded, change.Kind);
        Assert.Equal(2, change.TrackIndex);
        Assert.Equal("Added 2. BGM: Lo-fi (0-5s, 35%)", change.Description);
        Assert.Equal(CmdletNames.Export, Assert.Single(result.Hints).Cmdlet);
        Assert.Equal(
            new[] { "Heartbeat:", "ToolCall:add_bgm", "Heartbeat:", "Text:Added lo-fi music. ", "Text:Click Export to render." },
            progress.Items.Select(item => $"{item.Kind}:{item.Text}"));

        var sent = Assert.Single(test.SeenAt("/run_sse"));
        Assert.Equal("text/event-stream", sent.Header("Accept"));
        Assert.Equal(
            """{"app_name":"nemo_agent","user_id":"me","session_id":"sess-1","new_message":{"role":"user","parts":[{"text":"add lo-fi music"}]}}""",
            sent.Body);
    }

    [Fact]
    public async Task NoTextMeansSuccessReadTheStateUntilItChangesAndSettles()
    {
        using var test = new TestClient();
        // Before; unchanged at the first poll; stage one; stage two; settled.
        test.OnState(Drafts.State(Drafts.OneVideo), Drafts.State(Drafts.OneVideo), Drafts.State(Bgm), Drafts.State(BgmAndTitle), Drafts.State(BgmAndTitle));
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(
            Event("""{"content":{"parts":[{"functionCall":{"name":"edit","args":{}}}]},"actions":{"stateDelta":{"v":2}}}""")));
        var progress = new ListProgress<InstructionProgress>();

        var result = await test.Client.SendInstructionAsync(test.Session, "add music and a title", progress, TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, result.Reply);
        Assert.False(result.StreamDropped);
        Assert.Equal(new[] { TimelineChangeKind.TrackAdded, TimelineChangeKind.TrackAdded }, result.Changes.Select(change => change.Kind));
        Assert.Equal(new[] { 2, 3 }, result.Changes.Select(change => change.TrackIndex));
        Assert.Equal(5, test.SeenAt("/api/state/nemo_agent/me/sess-1/latest").Count);
        Assert.Single(test.SeenAt("/run_sse"));
        Assert.Contains(progress.Items, item => item.Kind == InstructionProgressKind.Recovering);
        Assert.Equal(4, test.Time.Delays.Count(delay => delay == TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task StatePollingIsBoundedWhenNothingChanges()
    {
        using var test = new TestClient(stateRecoveryAttempts: 3);
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(string.Empty));

        var result = await test.Client.SendInstructionAsync(test.Session, "do nothing", null, TestContext.Current.CancellationToken);

        Assert.Empty(result.Changes);
        Assert.Equal(1 + 3, test.SeenAt("/api/state/nemo_agent/me/sess-1/latest").Count);
    }

    /// <summary>A fresh review saw it: after a server restart dropped the instruction, the state said nothing was
    /// running 36 times over 3 minutes while the client kept polling, and the batch's slot waited with it.</summary>
    [Fact]
    public async Task PollingEndsWhenTheServiceTwiceSaysNothingRunsAndTheStateIsUnchanged()
    {
        using var test = new TestClient();
        var idle = StateSaying(busy: false);
        var busy = StateSaying(busy: true);
        // Before; still running; idle; running again (the instruction arrived late); idle twice.
        test.OnState(Drafts.State(Drafts.OneVideo), busy, idle, busy, idle, idle, busy);

        var result = await SendOverAStreamThatBreaksSilently(test);

        Assert.True(result.StreamDropped);
        Assert.Empty(result.Changes);
        Assert.Equal(1 + 5, test.SeenAt("/api/state/nemo_agent/me/sess-1/latest").Count);
        Assert.Single(test.SeenAt("/run_sse"));
        Assert.False(result.AgentBusy);
    }

    /// <summary>"add music" sent over an event stream that breaks before the service says anything.</summary>
    private static Task<InstructionResult> SendOverAStreamThatBreaksSilently(TestClient test)
    {
        var body = new ScriptedStream();
        body.Break();
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(body));
        return test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken);
    }

    /// <summary>The one-video state as the local server gives it, saying whether an instruction runs in the session.</summary>
    private static string StateSaying(bool busy) =>
        Drafts.State(Drafts.OneVideo).Replace("\"generated_media\":[]", $"\"generated_media\":[],\"agent_busy\":{(busy ? "true" : "false")}", StringComparison.Ordinal);

    /// <summary>A fresh review killed the server and left it down: the command polled 7.4 minutes (36 reads, each retried
    /// by the transport) and ended with a generic connection error that did not mention the instruction.</summary>
    [Fact]
    public async Task PollingEndsAfterThreeFailedReadsWithTheOutcomeUnknown()
    {
        using var test = new TestClient();
        var idle = StateSaying(busy: false);
        test.On(HttpMethod.Get, TestClient.Api + "api/state/nemo_agent/me/sess-1/latest",
            _ => Responses.Ok($$"""{"state":{{idle}}}"""),
            _ => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));

        var result = await SendOverAStreamThatBreaksSilently(test);

        Assert.True(result.StreamDropped);
        Assert.Empty(result.Changes);
        Assert.Null(result.AgentBusy);
        Assert.Equal(StateRecovery.FailedReadsToGiveUp, test.Time.Delays.Count(delay => delay == TimeSpan.FromSeconds(5)));
        Assert.Single(test.SeenAt("/run_sse"));
    }

    [Fact]
    public async Task ADroppedStreamIsRecoveredFromTheStateAndNeverResent()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo), Drafts.State(Bgm), Drafts.State(Bgm));
        var body = new ScriptedStream();
        body.Write(TextEvent("Working on ", true));
        body.Break();
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(body));

        var result = await test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken);

        Assert.True(result.StreamDropped);
        Assert.Equal("Working on ", result.Reply);
        Assert.Equal(TimelineChangeKind.TrackAdded, Assert.Single(result.Changes).Kind);
        Assert.Single(test.SeenAt("/run_sse"));
    }

    [Fact(Timeout = 60_000)]
    public async Task NothingButHeartbeatsFor10MinutesIsAnIdleTimeout()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        var body = new ScriptedStream();
        body.Write(": still here\n\n");
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(body));
        var heartbeats = 0;
        var secondHeartbeat = new TaskCompletionSource();
        var progress = new ListProgress<InstructionProgress>(item =>
        {
            if (item.Kind == InstructionProgressKind.Heartbeat && Interlocked.Increment(ref heartbeats) == 2)
            {
                secondHeartbeat.TrySetResult();
            }
        });

        var running = test.Client.SendInstructionAsync(test.Session, "generate a clip", progress, TestContext.Current.CancellationToken);
        await test.Time.WaitForTimerAsync(TimeSpan.FromMinutes(10));
        test.Time.Advance(TimeSpan.FromMinutes(5));
        // Heartbeats keep arriving, but they must not count as progress.
        body.Write("event: heartbeat\ndata:\n\n");
        await secondHeartbeat.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        test.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(running.IsCompleted);
        test.Time.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<NemoException>(() => running);

        Assert.Equal("Nemo.Instruction.IdleTimeout", error.ErrorId);
        Assert.Equal(NemoErrorCategory.OperationTimeout, error.Category);
        Assert.Contains("Get-NemoState", error.Message);
        Assert.Single(test.SeenAt("/run_sse"));
    }

    [Fact(Timeout = 60_000)]
    public async Task RealEventsResetTheIdleLimitButNotThe15MinuteTotal()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        var body = new ScriptedStream();
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(body));
        var sawToolCall = new TaskCompletionSource();
        var progress = new ListProgress<InstructionProgress>(item =>
        {
            if (item.Kind == InstructionProgressKind.ToolCall)
            {
                sawToolCall.TrySetResult();
            }
        });

        var running = test.Client.SendInstructionAsync(test.Session, "generate a clip", progress, TestContext.Current.CancellationToken);
        await test.Time.WaitForTimerAsync(TimeSpan.FromMinutes(10));
        test.Time.Advance(TimeSpan.FromMinutes(9));
        body.Write(Event("""{"content":{"parts":[{"functionCall":{"name":"generate","args":{}}}]}}"""));
        await sawToolCall.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        test.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(running.IsCompleted);
        test.Time.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<NemoException>(() => running);

        Assert.Equal("Nemo.Instruction.Timeout", error.ErrorId);
        Assert.Contains("15 minutes", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task CancellationStopsTheStreamAsCancellationNotAnError()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        var body = new ScriptedStream();
        body.Write(": ping\n\n");
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(body));
        using var cancellation = new CancellationTokenSource();
        var heartbeat = new TaskCompletionSource();

        var running = test.Client.SendInstructionAsync(test.Session, "edit", new ListProgress<InstructionProgress>(_ => heartbeat.TrySetResult()), cancellation.Token);
        await heartbeat.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task AnErrorEventFailsTheInstruction()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(TextEvent("Let me", true) + Event("""{"error":"render node crashed"}""")));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SendInstructionAsync(test.Session, "edit", null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Instruction.AgentError", error.ErrorId);
        Assert.Contains("render node crashed", error.Message);
    }

    [Fact]
    public async Task AnExpiredSessionFailsBeforeAnythingIsSent()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/state/nemo_agent/me/sess-1/latest", _ => Responses.Code(1002, "session not found"));
        test.On(HttpMethod.Post, RunSse, _ => Responses.EventStream(string.Empty));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SendInstructionAsync(test.Session, "edit", null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Session.NotFound", error.ErrorId);
        Assert.Empty(test.SeenAt("/run_sse"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyInstructionIsRefusedLocally(string text)
    {
        using var test = new TestClient();

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SendInstructionAsync(test.Session, text, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Instruction.Empty", error.ErrorId);
        Assert.Empty(test.Seen);
    }
}
