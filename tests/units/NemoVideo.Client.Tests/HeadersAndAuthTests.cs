using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class HeadersAndAuthTests
{
    private const string Credits = TestClient.Api + "api/credits/balance/simple";
    private const string TokenUrl = TestClient.Api + "api/auth/anonymous-token";
    private const string CreditsJson = """{"available":80,"frozen":20,"total":100}""";

    [Fact]
    public async Task EveryKindOfCallCarriesAttributionUserAgentAndBearer()
    {
        using var test = new TestClient();
        var file = test.Folder.Write("a.mp4", [1, 2, 3]);
        test.On(HttpMethod.Post, TestClient.Api + "api/tasks/me/with-session/nemo_agent", _ => Responses.Ok("""{"task_id":"task-1","session_id":"sess-1"}"""));
        test.On(HttpMethod.Post, TestClient.Api + "api/upload-video/nemo_agent/me/sess-1", _ => Responses.Ok("""{"media_id":"m"}"""));
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, TestClient.Api + "run_sse", _ => Responses.EventStream("data: {\"content\":{\"parts\":[{\"text\":\"ok\"}]}}\n\n"));
        test.On(HttpMethod.Post, TestClient.Api + "api/render/proxy/lambda", _ => Responses.Json("""{"status":"completed"}"""));
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/claim-token", _ => Responses.Ok("""{"claim_token":"clm_x"}"""));

        var session = await test.Client.CreateSessionAsync("en", TestContext.Current.CancellationToken);
        await test.Client.UploadFileAsync(session, file, null, TestContext.Current.CancellationToken);
        await test.Client.UploadUrlAsync(session, new Uri("https://example.com/v.mp4"), TestContext.Current.CancellationToken);
        await test.Client.SendInstructionAsync(session, "trim", null, TestContext.Current.CancellationToken);
        var state = await test.Client.GetStateAsync(session, TestContext.Current.CancellationToken);
        await test.Client.SubmitRenderAsync(session, state.Draft!, TestContext.Current.CancellationToken);
        await test.Client.GetBrowserLinkAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal(9, test.Seen.Count);
        Assert.All(test.Seen, request =>
        {
            Assert.Equal("nemovideo-powershell", request.Header("X-Skill-Source"));
            Assert.Equal("9.8.7", request.Header("X-Skill-Version"));
            Assert.Equal("powershell", request.Header("X-Skill-Platform"));
            Assert.Equal("NemoPS/9.8.7", request.Header("User-Agent"));
            Assert.Equal("Bearer " + TestClient.UserToken, request.Header("Authorization"));
            Assert.DoesNotContain(TestClient.UserToken, request.Uri.AbsoluteUri);
        });
    }

    [Fact]
    public async Task AnonymousTokenIsFetchedWithTheStoredClientIdAndReused()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_first")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Ok(CreditsJson));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);
        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        var tokenCall = Assert.Single(test.SeenAt("/api/auth/anonymous-token"));
        var storedId = File.ReadAllText(Path.Combine(test.Folder.File("config"), "client_id")).Trim();
        Assert.Equal(storedId, tokenCall.Header("X-Client-Id"));
        Assert.Null(tokenCall.Header("Authorization"));
        Assert.Equal("nemovideo-powershell", tokenCall.Header("X-Skill-Source"));
        Assert.All(test.SeenAt("/api/credits/balance/simple"), call => Assert.Equal("Bearer nmv_usr_first", call.Header("Authorization")));
    }

    [Fact]
    public async Task ConfiguredClientIdWinsOverTheFile()
    {
        using var test = new TestClient(token: null, clientId: "11111111-2222-3333-4444-555555555555");
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_x")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Ok(CreditsJson));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("11111111-2222-3333-4444-555555555555", test.SeenAt("/api/auth/anonymous-token")[0].Header("X-Client-Id"));
    }

    [Fact]
    public async Task Http400OnTheTokenCallMakesAFreshClientIdAndRetriesOnce()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Status(HttpStatusCode.BadRequest), _ => Responses.Json(Responses.Token("nmv_usr_ok")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Ok(CreditsJson));

        var credit = await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        var calls = test.SeenAt("/api/auth/anonymous-token");
        Assert.Equal(2, calls.Count);
        Assert.NotEqual(calls[0].Header("X-Client-Id"), calls[1].Header("X-Client-Id"));
        Assert.Equal(calls[1].Header("X-Client-Id"), File.ReadAllText(Path.Combine(test.Folder.File("config"), "client_id")).Trim());
        Assert.Equal(80m, credit.Available);
    }

    [Fact]
    public async Task Http400TwiceOnTheTokenCallIsAClearError()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Status(HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Auth.ClientIdRejected", error.ErrorId);
        Assert.Equal(2, test.SeenAt("/api/auth/anonymous-token").Count);
        Assert.Contains("NEMO_TOKEN", error.Message);
    }

    [Fact]
    public async Task Code1001RefreshesAnAnonymousTokenOnceAndRepeatsTheCall()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_old")), _ => Responses.Json(Responses.Token("nmv_usr_new")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Code(1001, "token expired"), _ => Responses.Ok(CreditsJson));

        var credit = await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        var calls = test.SeenAt("/api/credits/balance/simple");
        Assert.Equal(2, calls.Count);
        Assert.Equal("Bearer nmv_usr_old", calls[0].Header("Authorization"));
        Assert.Equal("Bearer nmv_usr_new", calls[1].Header("Authorization"));
        Assert.Equal(2, test.SeenAt("/api/auth/anonymous-token").Count);
        Assert.Equal(100m, credit.Total);
    }

    [Fact]
    public async Task Http401TwiceForAnAnonymousTokenGivesUpAfterOneRefresh()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_a")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Auth.TokenInvalid", error.ErrorId);
        Assert.Equal(2, test.SeenAt("/api/credits/balance/simple").Count);
        Assert.Equal(2, test.SeenAt("/api/auth/anonymous-token").Count);
    }

    [Fact]
    public async Task Code1001ForAUserTokenIsAClearErrorWithoutReplacingIt()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Credits, _ => Responses.Code(1001, "token expired"));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Auth.TokenInvalid", error.ErrorId);
        Assert.Equal(NemoErrorCategory.AuthenticationError, error.Category);
        Assert.Equal(1001, error.ApiCode);
        Assert.Contains("web settings", error.Message);
        Assert.Single(test.SeenAt("/api/credits/balance/simple"));
        Assert.Empty(test.SeenAt("/api/auth/anonymous-token"));
    }

    [Fact]
    public async Task SessionIsCreatedWithSnakeCaseBody()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Post, TestClient.Api + "api/tasks/me/with-session/nemo_agent", _ => Responses.Ok("""{"task_id":"t-9","session_id":"s-9","extra":1}"""));

        var session = await test.Client.CreateSessionAsync("zh", TestContext.Current.CancellationToken);

        Assert.Equal(new NemoSession(new Uri(TestClient.Api), "s-9", "t-9", "zh"), session);
        Assert.Equal("""{"task_name":"project","language":"zh"}""", test.Seen[0].Body);
    }

    [Fact]
    public async Task BrowserLinkUsesTheClaimTokenNeverTheApiToken()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/claim-token", _ => Responses.Ok("""{"claim_token":"clm_abc123","expires_in":600}"""));

        var link = await test.Client.GetBrowserLinkAsync(test.Session, TestContext.Current.CancellationToken);

        Assert.Equal("https://web.test/workspace/claim?ct=clm_abc123", link.AbsoluteUri);
        Assert.DoesNotContain(TestClient.UserToken, link.AbsoluteUri);
        Assert.Equal("""{"task_id":"task-1","session_id":"sess-1"}""", test.Seen[0].Body);
    }
}
