using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

/// <summary>--strict-token-quota: the published table's "one anonymous token per client per 7 days, 429 otherwise".</summary>
public class StrictTokenQuotaTests
{
    [Fact]
    public async Task ASecondRequestWithin7DaysIs429EvenAfterTheTokenExpired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var server = await TestServer.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.StrictTokenQuota = true;
            options.TokenLifetime = TimeSpan.FromDays(1);
        });
        var api = new RawApi(server);

        var first = await api.AnonymousTokenAsync("client-a");
        clock.Advance(TimeSpan.FromDays(2));
        using var again = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        again.Headers.Add("X-Client-Id", "client-a");
        var (status, body) = await api.ExchangeAsync(again);
        var other = await api.AnonymousTokenAsync("client-b");
        clock.Advance(TimeSpan.FromDays(5));
        var afterAWeek = await api.AnonymousTokenAsync("client-a");

        Assert.StartsWith("nmv_usr_", first);
        Assert.Equal(429, status);
        Assert.Contains("1 token/client/7 days", body["message"]!.GetValue<string>());
        Assert.StartsWith("nmv_usr_", other);
        Assert.NotEqual(first, afterAWeek);

        var stats = await server.Http.GetStringAsync("/local/stats", TestContext.Current.CancellationToken);
        Assert.Contains("\"anonymous_tokens_issued\":3", stats);
        Assert.Contains("\"anonymous_tokens_refused\":1", stats);
    }
}
