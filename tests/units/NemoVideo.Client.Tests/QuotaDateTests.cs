using System.Globalization;
using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>The quota refusal names the date to wait until, even in a later process, and a damaged token file is said.</summary>
public class QuotaDateTests : IDisposable
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string TokenUrl = TestClient.Api + "api/auth/anonymous-token";
    private const string Credits = TestClient.Api + "api/credits/balance/simple";
    private const string Refused = """{"code":429,"message":"1 token/client/7 days"}""";

    private readonly TempFolder shared = new();

    private string Config => shared.File("config");

    public void Dispose() => shared.Dispose();

    private static string Utc(DateTimeOffset date) => date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    [Fact]
    public async Task After_a_1001_a_later_process_still_says_until_when_to_wait()
    {
        DateTimeOffset requestedAt;
        using (var first = new TestClient(token: null, clientId: ClientId, configDirectory: Config))
        {
            first.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_first")));
            first.On(HttpMethod.Get, Credits, _ => Responses.Ok("""{"available":80,"frozen":20,"total":100}"""));
            requestedAt = first.Time.GetUtcNow();
            await first.Client.GetCreditsAsync(TestContext.Current.CancellationToken);
        }

        using (var second = new TestClient(token: null, clientId: ClientId, configDirectory: Config))
        {
            second.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Refused, (HttpStatusCode)429));
            second.On(HttpMethod.Get, Credits, _ => Responses.Code(1001, "revoked", HttpStatusCode.Unauthorized));
            var error = await Assert.ThrowsAsync<NemoException>(() => second.Client.GetCreditsAsync(TestContext.Current.CancellationToken));
            Assert.Contains(Utc(requestedAt.AddDays(7)), error.RecommendedAction);
        }

        using var third = new TestClient(token: null, clientId: ClientId, configDirectory: Config);
        third.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Refused, (HttpStatusCode)429));
        var later = await Assert.ThrowsAsync<NemoException>(() => third.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.AuthAnonymousTokenQuota, later.ErrorId);
        Assert.Contains(Utc(requestedAt.AddDays(7)), later.RecommendedAction);
        Assert.DoesNotContain("nmv_usr_first", File.ReadAllText(StoredTokens.PathIn(Config)));
    }

    [Fact]
    public async Task The_services_Retry_After_gives_the_date()
    {
        using var test = new TestClient(token: null, clientId: ClientId, configDirectory: Config);
        test.On(HttpMethod.Post, TokenUrl, _ =>
        {
            var response = Responses.Json(Refused, (HttpStatusCode)429);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(30));
            return response;
        });

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Contains(Utc(test.Time.GetUtcNow().AddHours(30)), error.RecommendedAction);
        Assert.Single(test.SeenAt("/api/auth/anonymous-token"));
    }

    [Fact]
    public async Task The_token_call_has_one_target_and_the_quota_error_does_not_claim_a_retry()
    {
        using var refused = new TestClient(token: null, clientId: ClientId, configDirectory: Config);
        refused.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Refused, (HttpStatusCode)429));
        var quota = await Assert.ThrowsAsync<NemoException>(() => refused.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        using var busy = new TestClient(token: null, clientId: ClientId, configDirectory: shared.File("other"));
        busy.On(HttpMethod.Post, TokenUrl, _ => Responses.Status(HttpStatusCode.ServiceUnavailable));
        var unavailable = await Assert.ThrowsAsync<NemoException>(() => busy.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(quota.Target, unavailable.Target);
        Assert.DoesNotContain("retried", quota.InnerException!.Message);
        Assert.DoesNotContain("retried", quota.Message);
    }

    [Fact]
    public async Task A_damaged_token_file_is_reported_at_verbose_and_treated_as_empty()
    {
        Directory.CreateDirectory(Config);
        File.WriteAllText(StoredTokens.PathIn(Config), "{ not json");
        using var test = new TestClient(token: null, clientId: ClientId, configDirectory: Config);
        test.On(HttpMethod.Post, TokenUrl, _ => Responses.Json(Responses.Token("nmv_usr_new")));
        test.On(HttpMethod.Get, Credits, _ => Responses.Ok("""{"available":80,"frozen":20,"total":100}"""));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Contains(test.Log.Lines, line => line.StartsWith("VERBOSE:") && line.Contains("could not be read"));
        Assert.Single(test.SeenAt("/api/auth/anonymous-token"));
    }
}

/// <summary>An existing token folder or file that others can read is made owner-only before a token is kept in it.</summary>
public class OwnerOnlyEnforcementTests : IDisposable
{
    private readonly TempFolder shared = new();

    public void Dispose() => shared.Dispose();

    [Fact]
    public async Task A_group_or_world_readable_token_folder_and_file_are_tightened_and_that_is_said()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows keeps the token DPAPI-encrypted instead of relying on the file mode.");
        var config = shared.File("config");
        Directory.CreateDirectory(config);
        File.WriteAllText(StoredTokens.PathIn(config), """{"tokens":[]}""");
#pragma warning disable CA1416
        File.SetUnixFileMode(config, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(StoredTokens.PathIn(config), (UnixFileMode)0b110_100_100);
        using var test = new TestClient(token: null, clientId: "11111111-2222-3333-4444-555555555555", configDirectory: config);
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/anonymous-token", _ => Responses.Json(Responses.Token("nmv_usr_new")));
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Ok("""{"available":80,"frozen":20,"total":100}"""));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(config));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StoredTokens.PathIn(config)));
#pragma warning restore CA1416
        Assert.Contains(test.Log.Lines, line => line.Contains("could be read by other accounts (mode 0755)"));
        Assert.Contains(test.Log.Lines, line => line.Contains("could be read by other accounts (mode 0644)"));
    }
}
