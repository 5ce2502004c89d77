using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Rendering;

public class RenderTests
{
    [Fact]
    public async Task TheDraftFromTheStateRendersExactlyWhatWasAskedAndDownloadsWithRange()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.RunAsync(token, sessionId, "keep the first 1 second, remove the audio, 15 fps");

        var submitted = await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_1");
        var done = await api.WaitForRenderAsync(token, "render_1");
        var url = done["output"]!["url"]!.GetValue<string>();
        var path = Path.Combine(server.Options.DataDirectory, "downloaded.mp4");
        await File.WriteAllBytesAsync(path, await server.Http.GetByteArrayAsync(url, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var probe = await Ffprobe.ProbeAsync(path);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(10, 109) } };
        using var partial = await server.Http.SendAsync(ranged, TestContext.Current.CancellationToken);

        Assert.Equal(0, submitted["code"]!.GetValue<int>());
        Assert.Contains(submitted["status"]!.GetValue<string>(), new[] { "pending", "processing" });
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(1.0, done["progress"]!.GetValue<double>());
        Assert.Equal("completed", done["data"]!["status"]!.GetValue<string>());
        Assert.Equal("h264", probe.Streams("video").Single()["codec_name"]!.GetValue<string>());
        Assert.Empty(probe.Streams("audio"));
        Assert.InRange(probe.DurationSeconds(), 0.9, 1.2);
        Assert.Equal("15/1", probe.Streams("video").Single()["avg_frame_rate"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        Assert.Equal(10, partial.Content.Headers.ContentRange!.From);
    }

    [Fact]
    public async Task ExportWithoutAttributionHeadersGetsHttp402()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var draft = await api.DraftAsync(token, sessionId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/render/proxy/lambda")
        {
            Content = new StringContent($$$"""{"id":"render_2","sessionId":"{{{sessionId}}}","draft":{{{draft.ToJsonString()}}}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (status, body) = await api.ExchangeAsync(request);

        Assert.Equal(402, status);
        Assert.Contains("X-Skill-Source", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadSubmissionsAreRefusedWithClearErrors()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var draft = await api.DraftAsync(token, sessionId);
        await api.SubmitRenderAsync(token, sessionId, draft, "render_taken");

        var unknownSession = await api.SubmitRenderAsync(token, "ses_missing", draft, "render_a");
        var empty = await api.SubmitRenderAsync(token, sessionId, JsonNode.Parse("""{"t":[],"d":0}""")!, "render_b");
        var badSettings = await api.SubmitRenderAsync(token, sessionId,
            JsonNode.Parse(draft.ToJsonString().Replace("\"compression\":{}", "\"compression\":{\"container\":\"avi\"}"))!, "render_c");
        var duplicate = await api.SubmitRenderAsync(token, sessionId, draft, "render_taken");
        var badId = await api.SubmitRenderAsync(token, sessionId, draft, "../../etc");
        using var unknownPoll = server.Request(HttpMethod.Get, "/api/render/proxy/lambda/render_none", token);
        var (pollStatus, _) = await api.ExchangeAsync(unknownPoll);

        Assert.Equal(1002, unknownSession["code"]!.GetValue<int>());
        Assert.Equal(4000, empty["code"]!.GetValue<int>());
        Assert.Contains("Nothing to export", empty["message"]!.GetValue<string>());
        Assert.Equal(4000, badSettings["code"]!.GetValue<int>());
        Assert.Contains("container", badSettings["message"]!.GetValue<string>());
        Assert.Equal(4000, duplicate["code"]!.GetValue<int>());
        Assert.Equal(4000, badId["code"]!.GetValue<int>());
        Assert.Equal(404, pollStatus);
        await api.WaitForRenderAsync(token, "render_taken");
    }

    [Fact]
    public async Task ASessionRendersOneJobAtATimeAndQueuesTheRest()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.Faults.Add(FaultRule.Times(FaultKind.SlowRender, 1));
            options.SlowRenderDelay = TimeSpan.FromSeconds(2);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var draft = await api.DraftAsync(token, sessionId);

        await api.SubmitRenderAsync(token, sessionId, draft, "render_first");
        await api.SubmitRenderAsync(token, sessionId, draft, "render_second");
        var firstWhileSlow = await api.PollAsync(token, "render_first");
        var secondWhileFirstRuns = await api.PollAsync(token, "render_second");
        var first = await api.WaitForRenderAsync(token, "render_first");
        var second = await api.WaitForRenderAsync(token, "render_second");

        Assert.Equal("processing", firstWhileSlow["status"]!.GetValue<string>());
        Assert.Equal("pending", secondWhileFirstRuns["status"]!.GetValue<string>());
        Assert.Equal(0, secondWhileFirstRuns["progress"]!.GetValue<double>());
        Assert.Equal("completed", first["status"]!.GetValue<string>());
        Assert.Equal("completed", second["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheProxyDownloadServesTheOutputToItsOwnerOnly()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_proxy");
        var done = await api.WaitForRenderAsync(token, "render_proxy");
        var stranger = await api.AnonymousTokenAsync("stranger");

        using var owner = server.Request(HttpMethod.Get, "/api/render/proxy/render_proxy/download", token);
        using var ownerResponse = await server.Http.SendAsync(owner, TestContext.Current.CancellationToken);
        using var other = server.Request(HttpMethod.Get, "/api/render/proxy/render_proxy/download", stranger);
        var (otherStatus, _) = await api.ExchangeAsync(other);
        using var anonymous = server.Request(HttpMethod.Get, "/api/render/proxy/render_proxy/download", token: null);
        var (_, anonymousBody) = await api.ExchangeAsync(anonymous);

        Assert.Equal(HttpStatusCode.OK, ownerResponse.StatusCode);
        Assert.Equal(done["output"]!["size"]!.GetValue<long>(),
            (await ownerResponse.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        Assert.Equal(404, otherStatus);
        Assert.Equal(1001, anonymousBody["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task OutputsAreRemovedAfterTheRetentionTime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var server = await TestServer.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.OutputRetention = TimeSpan.FromMinutes(30);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_old");
        var url = (await api.WaitForRenderAsync(token, "render_old"))["output"]!["url"]!.GetValue<string>();
        var janitor = (OutputJanitor)server.Server.Services.GetService(typeof(OutputJanitor))!;

        clock.Advance(TimeSpan.FromMinutes(29));
        janitor.Sweep();
        using var kept = await server.Http.GetAsync(url, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        janitor.Sweep();
        using var removed = await server.Http.GetAsync(url, TestContext.Current.CancellationToken);
        using var proxy = server.Request(HttpMethod.Get, "/api/render/proxy/render_old/download", token);
        var (proxyStatus, _) = await api.ExchangeAsync(proxy);
        var state = await api.StateAsync(token, sessionId);

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(410, (int)removed.StatusCode);
        Assert.Equal(410, proxyStatus);
        Assert.Empty(state["data"]!["state"]!["generated_media"]!.AsArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.Options.StateDirectory, "renders"), "*", SearchOption.AllDirectories));
    }
}
