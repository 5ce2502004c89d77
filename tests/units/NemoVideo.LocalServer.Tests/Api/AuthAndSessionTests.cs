using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

public class AuthAndSessionTests
{
    [Fact]
    public async Task AnAnonymousTokenNeedsAClientId()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        using var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);

        var (status, body) = await api.ExchangeAsync(request);

        Assert.Equal(400, status);
        Assert.Equal(400, body["code"]!.GetValue<int>());
        Assert.Contains("X-Client-Id", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AClientKeepsOneAnonymousTokenWithCreditsAndExpiry()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var server = await TestServer.StartAsync(options => options.TimeProvider = clock);
        var api = new RawApi(server);
        using var first = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        first.Headers.Add("X-Client-Id", "client-a");

        var body = await api.SendAsync(first);
        var again = await api.AnonymousTokenAsync("client-a");
        var other = await api.AnonymousTokenAsync("client-b");

        Assert.Equal(0, body["code"]!.GetValue<int>());
        var token = body["data"]!["token"]!.GetValue<string>();
        Assert.StartsWith("nmv_usr_", token);
        Assert.Equal(7 * 24 * 3600, body["data"]!["expires_in"]!.GetValue<long>());
        Assert.True(body["data"]!["credits"]!.GetValue<long>() > 0);
        Assert.Equal(token, again);
        Assert.NotEqual(token, other);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nmv_usr_not-issued-here")]
    public async Task CallsWithoutAnIssuedTokenGet1001(string? token)
    {
        await using var server = await TestServer.StartAsync();
        using var request = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);

        var (status, body) = await new RawApi(server).ExchangeAsync(request);

        Assert.Equal(401, status);
        Assert.Equal(1001, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task TokensExpireAfterTheConfiguredLifetime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var server = await TestServer.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.TokenLifetime = TimeSpan.FromHours(1);
        });
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();
        await api.SessionAsync(token);

        clock.Advance(TimeSpan.FromHours(1));
        using var late = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);
        var (_, body) = await api.ExchangeAsync(late);
        var renewed = await api.AnonymousTokenAsync();

        Assert.Equal(1001, body["code"]!.GetValue<int>());
        Assert.NotEqual(token, renewed);
    }

    [Fact]
    public async Task SessionsAreCreatedAndUnknownOnesGet1002()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();

        var created = await api.PostJsonAsync("/api/tasks/me/with-session/nemo_agent", token, """{"task_name":"project","language":"zh"}""");
        using var unknown = server.Request(HttpMethod.Get, "/api/state/nemo_agent/me/ses_missing/latest", token);
        var (status, missing) = await api.ExchangeAsync(unknown);

        Assert.Equal(0, created["code"]!.GetValue<int>());
        Assert.StartsWith("ses_", created["data"]!["session_id"]!.GetValue<string>());
        Assert.StartsWith("task_", created["data"]!["task_id"]!.GetValue<string>());
        Assert.Equal(404, status);
        Assert.Equal(1002, missing["code"]!.GetValue<int>());
        Assert.Contains("ses_missing", missing["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherClientsSessionIsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var owner = await api.AnonymousTokenAsync("owner");
        var sessionId = await api.SessionAsync(owner);
        var stranger = await api.AnonymousTokenAsync("stranger");

        var state = await api.StateAsync(stranger, sessionId);

        Assert.Equal(1002, state["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task AClaimTokenIsIssuedForTheSessionOnly()
    {
        await using var server = await TestServer.StartAsync(options => options.ClaimTokenLifetime = TimeSpan.FromMinutes(5));
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();
        var session = await api.PostJsonAsync("/api/tasks/me/with-session/nemo_agent", token, """{"task_name":"project","language":"en"}""");
        var taskId = session["data"]!["task_id"]!.GetValue<string>();
        var sessionId = session["data"]!["session_id"]!.GetValue<string>();

        var claim = await api.PostJsonAsync("/api/auth/claim-token", token, $$"""{"task_id":"{{taskId}}","session_id":"{{sessionId}}"}""");
        var wrong = await api.PostJsonAsync("/api/auth/claim-token", token, $$"""{"task_id":"task_other","session_id":"{{sessionId}}"}""");
        using var withClaim = server.Request(HttpMethod.Get, "/api/credits/balance/simple", claim["data"]!["claim_token"]!.GetValue<string>());
        var (_, claimUsedAsToken) = await api.ExchangeAsync(withClaim);

        Assert.StartsWith("clm_", claim["data"]!["claim_token"]!.GetValue<string>());
        Assert.Equal(300, claim["data"]!["expires_in"]!.GetValue<long>());
        Assert.Equal(1002, wrong["code"]!.GetValue<int>());
        Assert.Equal(1001, claimUsedAsToken["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreditsAreUnlimitedByDefault()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();
        using var request = server.Request(HttpMethod.Get, "/api/credits/balance/simple", token);

        var body = await api.SendAsync(request);

        Assert.Equal(0, body["code"]!.GetValue<int>());
        Assert.Equal(999_999_999, body["data"]!["available"]!.GetValue<long>());
        Assert.Equal(0, body["data"]!["frozen"]!.GetValue<long>());
        Assert.Equal(999_999_999, body["data"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task BadJsonGetsAReadable4000()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();

        var body = await api.PostJsonAsync("/api/tasks/me/with-session/nemo_agent", token, "{not json");

        Assert.Equal(4000, body["code"]!.GetValue<int>());
        Assert.Contains("not valid JSON", body["message"]!.GetValue<string>());
    }
}
