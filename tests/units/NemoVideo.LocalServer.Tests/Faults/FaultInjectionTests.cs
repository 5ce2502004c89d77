using System.Net;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Faults;

public class FaultInjectionTests
{
    [Fact]
    public async Task NoFaultsAreInjectedByDefault()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();

        for (var call = 0; call < 20; call++)
        {
            using var request = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
            Assert.Equal(200, (await api.ExchangeAsync(request)).Status);
        }
    }

    [Fact]
    public async Task RateLimitAnswers429WithRetryAfterForTheCountedCalls()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.Faults.Add(FaultRule.Parse("rate-limit:count=2"));
            options.RetryAfter = TimeSpan.FromSeconds(3);
        });

        using var first = await server.Http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
        using var second = await server.Http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
        using var third = await server.Http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
    }

    [Fact]
    public async Task ServerErrorsFollowTheConfiguredRate()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.Faults.Add(FaultRule.Parse("server-error:rate=0.5"));
            options.FaultSeed = 7;
        });

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 40; call++)
        {
            using var response = await server.Http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.ServiceUnavailable), 8, 32);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadRequest }));
    }

    [Fact]
    public async Task AnExpiredTokenFaultGives1001ThenANewTokenWorks()
    {
        await using var server = await TestServer.StartAsync(options => options.Faults.Add(FaultRule.Times(FaultKind.ExpireToken, 1)));
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();

        using var expired = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
        var (_, refused) = await api.ExchangeAsync(expired);
        using var stillExpired = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
        var (_, stillRefused) = await api.ExchangeAsync(stillExpired);
        var renewed = await api.AnonymousTokenAsync();
        using var retry = server.Request(HttpMethod.Get, "/api/credits/balance/simple", renewed);
        var (_, accepted) = await api.ExchangeAsync(retry);

        Assert.Equal(1001, refused["code"]!.GetValue<int>());
        Assert.Equal(1001, stillRefused["code"]!.GetValue<int>());
        Assert.NotEqual(token, renewed);
        Assert.Equal(0, accepted["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task ADroppedStreamEndsBeforeTheReplyButTheEditIsApplied()
    {
        await using var server = await TestServer.StartAsync(options => options.Faults.Add(FaultRule.Times(FaultKind.DropStream, 1)));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        var dropped = await Assert.ThrowsAnyAsync<Exception>(() => api.RunAsync(token, sessionId, "under 1MB"));
        var draft = await api.DraftAsync(token, sessionId);

        Assert.True(dropped is HttpRequestException or IOException, dropped.ToString());
        Assert.Equal(1_000_000, draft["m"]!["compression"]!["max_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task AnEmptyReplyAppliesTheEditWithNoText()
    {
        await using var server = await TestServer.StartAsync(options => options.Faults.Add(FaultRule.Times(FaultKind.EmptyReply, 1)));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();

        var events = SseFrame.Parse(await api.RunAsync(token, sessionId, "180p")).Events().ToList();
        var draft = await api.DraftAsync(token, sessionId);

        Assert.DoesNotContain(events.SelectMany(e => e.Parts()), part => part["text"] is not null);
        Assert.True(events.Last()["turnComplete"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(draft, events.Last()["actions"]!["stateDelta"]!["draft"]));
        Assert.Equal(180, draft["m"]!["compression"]!["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFailedRenderFaultFailsOneJobAndTheResubmissionCompletes()
    {
        await using var server = await TestServer.StartAsync(options => options.Faults.Add(FaultRule.Times(FaultKind.FailRender, 1)));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        var draft = await api.DraftAsync(token, sessionId);

        await api.SubmitRenderAsync(token, sessionId, draft, "render_a");
        var failed = await api.WaitForRenderAsync(token, "render_a");
        await api.SubmitRenderAsync(token, sessionId, draft, "render_b");
        var completed = await api.WaitForRenderAsync(token, "render_b");

        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("Submit it again", failed["error"]!.GetValue<string>());
        Assert.Null(failed["output"]);
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADroppedDownloadIsCutHalfWayThenTheNextOneIsWhole()
    {
        await using var server = await TestServer.StartAsync(options => options.Faults.Add(FaultRule.Times(FaultKind.DropDownload, 1)));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_d");
        var done = await api.WaitForRenderAsync(token, "render_d");
        var url = done["output"]!["url"]!.GetValue<string>();

        var cut = await Assert.ThrowsAnyAsync<Exception>(() => server.Http.GetByteArrayAsync(url, TestContext.Current.CancellationToken));
        var whole = await server.Http.GetByteArrayAsync(url, TestContext.Current.CancellationToken);

        Assert.True(cut is HttpRequestException or IOException, cut.ToString());
        Assert.Equal(done["output"]!["size"]!.GetValue<long>(), whole.Length);
    }
}
