using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Rendering;

/// <summary>The server-wide cap on running renders and the per-client cap on queued ones.</summary>
public class RenderLimitTests
{
    [Fact]
    public void TheCapsComeFromTheCommandLineAndAreAtLeastOne()
    {
        var set = CommandLine.Parse(["--max-concurrent-renders", "3", "--max-queued-renders", "5"]);
        var zero = CommandLine.Parse(["--max-concurrent-renders", "0", "--max-queued-renders", "0"]);
        var defaults = CommandLine.Parse([]);

        Assert.Equal((3, 5), (set.MaxConcurrentRenders, set.MaxQueuedRendersPerClient));
        Assert.Equal((1, 1), (zero.MaxConcurrentRenders, zero.MaxQueuedRendersPerClient));
        Assert.Equal((Math.Max(1, Environment.ProcessorCount / 2), 20), (defaults.MaxConcurrentRenders, defaults.MaxQueuedRendersPerClient));
    }

    [Fact]
    public async Task WithOneRenderSlotASecondSessionsJobWaitsPendingUntilTheFirstEnds()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.MaxConcurrentRenders = 1;
            options.Faults.Add(FaultRule.Times(FaultKind.SlowRender, 1));
            options.SlowRenderDelay = TimeSpan.FromSeconds(2);
        });
        var api = new RawApi(server);
        var (firstToken, firstSession) = await api.NewSessionWithVideoAsync();
        var secondToken = await api.AnonymousTokenAsync("another-client");
        var secondSession = await api.SessionAsync(secondToken);
        (await api.UploadAsync(secondToken, secondSession, await TestClips.SmallAsync())).Response.Dispose();

        await api.SubmitRenderAsync(firstToken, firstSession, await api.DraftAsync(firstToken, firstSession), "render_a");
        await api.SubmitRenderAsync(secondToken, secondSession, await api.DraftAsync(secondToken, secondSession), "render_b");
        var firstWhileSlow = await api.PollAsync(firstToken, "render_a");
        var secondWhileFirstRuns = await api.PollAsync(secondToken, "render_b");
        var first = await api.WaitForRenderAsync(firstToken, "render_a");
        var second = await api.WaitForRenderAsync(secondToken, "render_b");

        Assert.Equal("processing", firstWhileSlow["status"]!.GetValue<string>());
        Assert.Equal("pending", secondWhileFirstRuns["status"]!.GetValue<string>());
        Assert.Equal("completed", first["status"]!.GetValue<string>());
        Assert.Equal("completed", second["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AClientBeyondItsQueuedRenderLimitIsRefusedWith429AndOthersAreNot()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.MaxConcurrentRenders = 1;
            options.MaxQueuedRendersPerClient = 2;
            options.Faults.Add(FaultRule.Times(FaultKind.SlowRender, 1));
            options.SlowRenderDelay = TimeSpan.FromSeconds(2);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var draft = await api.DraftAsync(token, sessionId);
        var otherToken = await api.AnonymousTokenAsync("another-client");
        var otherClientSession = await api.SessionAsync(otherToken);
        (await api.UploadAsync(otherToken, otherClientSession, await TestClips.SmallAsync())).Response.Dispose();

        var first = await api.SubmitRenderAsync(token, sessionId, draft, "render_1");
        var second = await api.SubmitRenderAsync(token, sessionId, draft, "render_2");
        using var third = server.Request(HttpMethod.Post, "/api/render/proxy/lambda", token, new StringContent(
            $$$"""{"id":"render_3","sessionId":"{{{sessionId}}}","draft":{{{draft.ToJsonString()}}}}""",
            System.Text.Encoding.UTF8, "application/json"));
        var (refusedStatus, refused) = await api.ExchangeAsync(third);
        var otherClient = await api.SubmitRenderAsync(otherToken, otherClientSession,
            await api.DraftAsync(otherToken, otherClientSession), "render_1");
        await api.WaitForRenderAsync(token, "render_1");
        await api.WaitForRenderAsync(token, "render_2");
        var afterwards = await api.SubmitRenderAsync(token, sessionId, draft, "render_3");
        await api.WaitForRenderAsync(token, "render_3");
        await api.WaitForRenderAsync(otherToken, "render_1");

        Assert.Equal(0, first["code"]!.GetValue<int>());
        Assert.Equal(0, second["code"]!.GetValue<int>());
        Assert.Equal(429, refusedStatus);
        Assert.Equal(429, refused["code"]!.GetValue<int>());
        Assert.Contains("Wait for one to complete", refused["message"]!.GetValue<string>());
        Assert.Equal(2, refused["data"]!["max_queued_renders"]!.GetValue<int>());
        Assert.Equal(0, otherClient["code"]!.GetValue<int>());
        Assert.Equal(0, afterwards["code"]!.GetValue<int>());
    }
}
