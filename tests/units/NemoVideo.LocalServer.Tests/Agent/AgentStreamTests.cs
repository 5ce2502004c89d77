using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Agent;

public class AgentStreamTests
{
    [Fact]
    public async Task AnAppliedEditStreamsAdkEventsInTheContractsFraming()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        var frames = SseFrame.Parse(await api.RunAsync(token, sessionId, "compress this video to under 2MB"));
        var events = frames.Events().ToList();
        var state = await api.DraftAsync(token, sessionId);

        Assert.True(frames[0].IsComment, "A heartbeat comment opens the stream while the work starts.");
        Assert.All(events, adkEvent =>
        {
            Assert.Equal("nemo_agent", adkEvent["author"]!.GetValue<string>());
            Assert.NotNull(adkEvent["invocationId"]);
            Assert.NotNull(adkEvent["timestamp"]);
            Assert.DoesNotContain(":null", adkEvent.ToJsonString());
            Assert.Null(adkEvent["invocation_id"]);
        });
        var call = events.SelectMany(e => e.Parts()).Single(part => part["functionCall"] is not null)["functionCall"]!;
        var response = events.SelectMany(e => e.Parts()).Single(part => part["functionResponse"] is not null)["functionResponse"]!;
        Assert.Equal(call["id"]!.GetValue<string>(), response["id"]!.GetValue<string>());
        Assert.Equal(2_000_000, call["args"]!["max_bytes"]!.GetValue<long>());
        Assert.Equal("applied", response["response"]!["status"]!.GetValue<string>());

        var partials = events.Where(e => e["partial"]?.GetValue<bool>() == true).ToList();
        var final = events.Last();
        Assert.True(partials.Count > 1);
        Assert.Null(final["partial"]);
        Assert.True(final["turnComplete"]!.GetValue<bool>());
        var whole = final.Parts().Single()["text"]!.GetValue<string>();
        Assert.Equal(whole, string.Concat(partials.Select(e => e.Parts().Single()["text"]!.GetValue<string>())));
        Assert.Contains("2,000,000 bytes", whole);
        Assert.True(JsonNode.DeepEquals(state, final["actions"]!["stateDelta"]!["draft"]));
        Assert.Equal(2_000_000, state["m"]!["compression"]!["max_bytes"]!.GetValue<long>());
    }

    /// <summary>A fresh review saw a 15 KB ceiling for a 4 s clip applied and charged, then refused at render ("Allow at
    /// least 46,548 bytes"); a rerun with a larger size paid again. The engine is asked before the edit is charged.</summary>
    [Fact]
    public async Task ACeilingTheEngineCannotMeetIsDeclinedBeforeTheEditIsChargedAndNamesTheLeastThatWorks()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var before = await api.DraftAsync(token, sessionId);
        var balance = await BalanceAsync(server, token);

        var events = SseFrame.Parse(await api.RunAsync(token, sessionId, "compress this video to under 15KB")).Events().ToList();
        var reply = events.Last().Parts().Single()["text"]!.GetValue<string>();

        Assert.True(JsonNode.DeepEquals(before, await api.DraftAsync(token, sessionId)));
        Assert.DoesNotContain(events.SelectMany(e => e.Parts()), part => part["functionCall"] is not null);
        Assert.Contains("15,000 bytes is too small for 3 seconds of video", reply);
        Assert.Matches(@"Allow at least \d{2},\d{3} bytes", reply);
        Assert.EndsWith("Nothing was changed or charged.", reply);
        Assert.Equal(balance, await BalanceAsync(server, token));

        // What the reply names is enough: that ceiling is applied.
        var least = long.Parse(System.Text.RegularExpressions.Regex.Match(reply, @"Allow at least ([\d,]+) bytes").Groups[1].Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);
        await api.RunAsync(token, sessionId, $"compress this video to under {least} bytes");
        Assert.Equal(least, (await api.DraftAsync(token, sessionId))["m"]!["compression"]!["max_bytes"]!.GetValue<long>());
    }

    /// <summary>A fresh review got the engine's English reason inside a Chinese reply.</summary>
    [Fact]
    public async Task ACeilingDeclinedForAChineseInstructionIsSaidInChineseWithTheLeastThatWorks()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        var events = SseFrame.Parse(await api.RunAsync(token, sessionId, "把这个视频压缩到15KB以内")).Events().ToList();
        var reply = events.Last().Parts().Single()["text"]!.GetValue<string>();

        Assert.StartsWith("这个视频做不到：15,000 字节太小，装下声音和容器之后", reply);
        Assert.Matches(@"请至少要 \d{2},\d{3} 字节，或者剪短视频，或者去掉声音。没有做任何修改，也没有扣费。$", reply);
        Assert.DoesNotMatch("[A-Za-z]{3,}", reply.Replace("kbit", string.Empty, StringComparison.Ordinal));
    }

    private static async Task<decimal> BalanceAsync(TestServer server, string token)
    {
        using var request = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
        var (status, body) = await new RawApi(server).ExchangeAsync(request);
        Assert.Equal(200, status);
        return body["data"]!["available"]!.GetValue<decimal>();
    }

    [Fact]
    public async Task AnUnsupportedRequestGetsAPoliteReplyAndChangesNothing()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.RunAsync(token, sessionId, "200p");
        var before = await api.DraftAsync(token, sessionId);

        var events = SseFrame.Parse(await api.RunAsync(token, sessionId, "添加背景音乐")).Events().ToList();
        var after = await api.DraftAsync(token, sessionId);

        Assert.True(JsonNode.DeepEquals(before, after));
        Assert.DoesNotContain(events.SelectMany(e => e.Parts()), part => part["functionCall"] is not null);
        Assert.All(events, e => Assert.Null(e["actions"]));
        Assert.Contains("我可以", events.Last().Parts().Single()["text"]!.GetValue<string>());
        Assert.True(events.Last()["turnComplete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task HeartbeatsGoOutWhileTheWorkRuns()
    {
        await using var server = await TestServer.StartAsync(options => options.HeartbeatInterval = TimeSpan.FromMilliseconds(1));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        var frames = SseFrame.Parse(await api.RunAsync(token, sessionId, "180p"));

        var firstEvent = frames.ToList().FindIndex(frame => frame.Data is not null);
        Assert.True(firstEvent >= 2, "More than the opening heartbeat arrives while ffprobe checks the source.");
        Assert.All(frames.Take(firstEvent), frame => Assert.Equal(": heartbeat", frame.Raw));
    }

    [Fact]
    public async Task UnknownSessionsAndEmptyInstructionsAreRefusedBeforeTheStream()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var unknown = JsonNode.Parse(await api.RunAsync(token, "ses_missing", "under 2MB"))!;
        var empty = await api.PostJsonAsync("/run_sse", token,
            $$$"""{"app_name":"nemo_agent","user_id":"me","session_id":"{{{sessionId}}}","new_message":{"role":"user","parts":[]}}""");

        Assert.Equal(1002, unknown["code"]!.GetValue<int>());
        Assert.Equal(4000, empty["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task WithoutAVideoTheAgentAsksForAnUpload()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var events = SseFrame.Parse(await api.RunAsync(token, sessionId, "under 2MB")).Events().ToList();

        Assert.Contains("upload a video first", events.Last().Parts().Single()["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await api.DraftAsync(token, sessionId))["t"]!.AsArray());
    }

    [Fact]
    public async Task LimitedCreditsAreChargedPerEditAndRunOutWith2001()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.StartingCredits = 100;
            options.EditCost = 50;
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        // The clip is 320x240: each height is a real downscale, so each edit is applied and charged.
        await api.RunAsync(token, sessionId, "200p");
        await api.RunAsync(token, sessionId, "help me please");
        await api.RunAsync(token, sessionId, "180p");
        using var balanceRequest = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
        var balance = await api.SendAsync(balanceRequest);
        var refused = JsonNode.Parse(await api.RunAsync(token, sessionId, "120p"))!;

        Assert.Equal(0, balance["data"]!["available"]!.GetValue<long>());
        Assert.Equal(100, balance["data"]!["total"]!.GetValue<long>());
        Assert.Equal(2001, refused["code"]!.GetValue<int>());
        Assert.Equal(180, (await api.DraftAsync(token, sessionId))["m"]!["compression"]!["height"]!.GetValue<int>());
    }
}
