using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Sessions;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>What is kept per client is bounded: client ids have a format, tokens expire and have a cap.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class ClientIdMemoryTests
{
    [Fact]
    public async Task AThirtyThousandCharacterClientIdGets400WithTheEnvelope()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);

        var (status, body) = await TokenCallAsync(server, api, new string('x', 30_000));

        Assert.Equal(400, status);
        Assert.Equal(4000, body!["code"]!.GetValue<int>());
        Assert.Contains("X-Client-Id", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeadersOverTheLimitAreRefusedByKestrelBeforeAnyWork()
    {
        await using var server = await TestServer.StartAsync();
        using var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", new string('x', 40_000));

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(431, (int)response.StatusCode);
    }

    [Fact]
    public async Task FiveThousandTokenCallsWithThirtyThousandCharacterIdsLeaveMemoryFlat()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        await api.AnonymousTokenAsync();
        var tokens = Service<TokenStore>(server);
        var before = Measure.LiveBytes();

        var refused = 0;
        for (var i = 0; i < 5000; i++)
        {
            var id = i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 29_994);
            refused += (await TokenCallAsync(server, api, id)).Status == 400 ? 1 : 0;
        }

        var after = Measure.LiveBytes();
        Measure.Report($"5,000 token calls, 30,000-char ids: refused {refused}, tokens kept {tokens.Count}, memory {Measure.Mb(before)} -> {Measure.Mb(after)}");
        Assert.Equal(5000, refused);
        Assert.Equal(1, tokens.Count);
        Assert.True(after - before < 20_000_000, $"Memory grew from {before:N0} to {after:N0} bytes.");
    }

    [Fact]
    public async Task FiveThousandNewClientIdsKeepNoMoreTokensThanTheCap()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxTokens = 1000);
        var api = new RawApi(server);
        var tokens = Service<TokenStore>(server);
        var before = Measure.LiveBytes();

        for (var i = 0; i < 5000; i++)
        {
            var (status, _) = await TokenCallAsync(server, api, $"{i:D6}-" + new string('c', 120));
            Assert.Equal(200, status);
        }

        var after = Measure.LiveBytes();
        Measure.Report($"5,000 distinct 127-char client ids, cap 1,000: tokens kept {tokens.Count}, memory {Measure.Mb(before)} -> {Measure.Mb(after)}");
        Assert.InRange(tokens.Count, 1, 1100);
        Assert.True(after - before < 20_000_000, $"Memory grew from {before:N0} to {after:N0} bytes.");
    }

    [Fact]
    public async Task ExpiredTokensAreForgotten()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.TokenLifetime = TimeSpan.FromMinutes(5);
        });
        var api = new RawApi(server);
        for (var i = 0; i < 50; i++)
        {
            await api.AnonymousTokenAsync($"client-{i}");
        }

        var tokens = Service<TokenStore>(server);
        var issued = tokens.Count;
        clock.Advance(TimeSpan.FromMinutes(6));
        tokens.Sweep();

        Assert.Equal(50, issued);
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public async Task AClientKeepsAtMostAHundredSessions()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();
        for (var i = 0; i < SessionStore.MaxSessionsPerClient + 20; i++)
        {
            await api.SessionAsync(token);
        }

        Assert.Equal(SessionStore.MaxSessionsPerClient, Service<SessionStore>(server).Count);
    }

    [Fact]
    public async Task WithASharedSecretTheTokenCallNeedsIt()
    {
        await using var server = await TestServer.StartAsync(options => options.AnonymousTokenSecret = "correct horse");
        var api = new RawApi(server);

        var (without, withoutBody) = await TokenCallAsync(server, api, "client-1");
        var (wrong, _) = await TokenCallAsync(server, api, "client-1", "wrong");
        var (right, rightBody) = await TokenCallAsync(server, api, "client-1", "correct horse");

        Assert.Equal(403, without);
        Assert.Contains(SharedSecret.HeaderName, withoutBody!["message"]!.GetValue<string>());
        Assert.Equal(403, wrong);
        Assert.Equal(200, right);
        Assert.StartsWith("nmv_usr_", rightBody!["data"]!["token"]!.GetValue<string>());
    }

    private static async Task<(int Status, System.Text.Json.Nodes.JsonNode? Body)> TokenCallAsync(TestServer server, RawApi api, string clientId,
        string? secret = null)
    {
        using var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", clientId);
        if (secret is not null)
        {
            request.Headers.Add(SharedSecret.HeaderName, secret);
        }

        return await api.ExchangeAsync(request);
    }

    private static T Service<T>(TestServer server) => (T)server.Server.Services.GetService(typeof(T))!;
}
