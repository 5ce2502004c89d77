using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>Retry counts and the exact delays, on the fake clock.</summary>
public class RetryTests
{
    private const string Credits = TestClient.Api + "api/credits/balance/simple";
    private const string CreditsJson = """{"available":1,"frozen":0,"total":1}""";

    [Fact]
    public async Task RateLimitHonoursRetryAfterAndRetriesOnce()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7)), _ => Responses.Ok(CreditsJson));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, test.Seen.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, test.Time.Delays);
    }

    [Fact]
    public async Task RateLimitWithoutRetryAfterWaits30Seconds()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.TooManyRequests), _ => Responses.Ok(CreditsJson));

        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, test.Time.Delays);
    }

    [Fact]
    public async Task RateLimitTwiceIsAnErrorAfterExactlyOneRetry()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.TooManyRequests));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Api.RateLimited", error.ErrorId);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(2, test.Seen.Count);
    }

    [Fact]
    public async Task RateLimitOnANonIdempotentCallIsRetriedOnceToo()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Post, TestClient.Api + "api/tasks/me/with-session/nemo_agent",
            _ => Responses.Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)),
            _ => Responses.Ok("""{"task_id":"t","session_id":"s"}"""));

        await test.Client.CreateSessionAsync("en", TestContext.Current.CancellationToken);

        Assert.Equal(2, test.Seen.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, test.Time.Delays);
    }

    [Theory]
    [InlineData(0.0, 800, 1600, 3200)]
    [InlineData(0.5, 1000, 2000, 4000)]
    [InlineData(0.999, 1199, 2399, 4798)]
    public async Task ServerErrorsOnIdempotentCallsBackOffExponentiallyWithJitter(double random, double first, double second, double third)
    {
        using var test = new TestClient(random: random);
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Api.Unavailable", error.ErrorId);
        Assert.Contains("retried", error.Message);
        Assert.Equal(4, test.Seen.Count);
        // Timers run at millisecond resolution, so the jittered delays arrive floored to whole milliseconds.
        Assert.Equal(new[] { first, second, third }, test.Time.Delays.Select(delay => Math.Floor(delay.TotalMilliseconds)));
    }

    [Fact]
    public async Task ServerErrorThenSuccessRecovers()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Credits, _ => Responses.Status(HttpStatusCode.BadGateway), _ => Responses.Ok(CreditsJson));

        var credit = await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1m, credit.Available);
        Assert.Equal(2, test.Seen.Count);
    }

    [Fact]
    public async Task InstructionsAreNeverRetriedOnServerErrors()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, TestClient.Api + "run_sse", _ => Responses.Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Api.ServerError", error.ErrorId);
        Assert.Single(test.SeenAt("/run_sse"));
        Assert.DoesNotContain(test.Time.Delays, delay => delay < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task InstructionsAreNeverResentOnNetworkFailuresButResolvedFromTheState()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, TestClient.Api + "run_sse", _ => throw new HttpRequestException("reset"));

        var result = await test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken);

        Assert.True(result.StreamDropped);
        Assert.Single(test.SeenAt("/run_sse"));
        Assert.True(test.SeenAt("/api/state/nemo_agent/me/sess-1/latest").Count > 1);
    }

    [Fact]
    public async Task AnInstructionRefusedWith503IsSentAgainOnlyWhileTheStateIsUnchanged()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(
            HttpMethod.Post,
            TestClient.Api + "run_sse",
            _ => Responses.Status(HttpStatusCode.ServiceUnavailable),
            _ => Responses.EventStream("data: {\"content\":{\"parts\":[{\"text\":\"done\"}]}}\n\n"));

        var result = await test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken);

        Assert.Equal("done", result.Reply);
        Assert.Equal(2, test.SeenAt("/run_sse").Count);
    }

    [Fact]
    public async Task AnInstructionRefusedWith503IsNotSentAgainWhenTheStateShowsItRan()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo), Drafts.State(Drafts.ThreeTracks));
        test.On(HttpMethod.Post, TestClient.Api + "run_sse", _ => Responses.Status(HttpStatusCode.ServiceUnavailable));

        var result = await test.Client.SendInstructionAsync(test.Session, "add music", null, TestContext.Current.CancellationToken);

        Assert.Single(test.SeenAt("/run_sse"));
        Assert.NotEmpty(result.Changes);
    }

    [Fact]
    public async Task AnUploadTheStateAlreadyListsIsNotSentAgain()
    {
        using var test = new TestClient();
        var file = test.Folder.Write("clip.mp4", new byte[] { 1, 2, 3 });
        test.On(HttpMethod.Post, TestClient.Api + "api/upload-video/nemo_agent/me/sess-1", _ => Responses.Status(HttpStatusCode.BadGateway));
        test.OnState("""{"draft":null,"video_infos":[{"media_id":"m-1","name":"clip.mp4","size":3}]}""");

        var media = await test.Client.UploadFileAsync(test.Session, file, null, TestContext.Current.CancellationToken);

        Assert.Equal("m-1", Assert.Single(media).MediaId);
        Assert.Single(test.SeenAt("/api/upload-video/nemo_agent/me/sess-1"));
    }

    [Fact]
    public async Task AnUploadTheStateDoesNotListIsSentAgainAndGivenUpAfterThreeAttempts()
    {
        using var test = new TestClient();
        var file = test.Folder.Write("clip.mp4", new byte[] { 1, 2, 3 });
        test.On(HttpMethod.Post, TestClient.Api + "api/upload-video/nemo_agent/me/sess-1", _ => Responses.Status(HttpStatusCode.ServiceUnavailable));
        test.OnState("""{"draft":null,"video_infos":[]}""");

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, file, null, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.ApiUnavailable, error.ErrorId);
        Assert.Equal(3, test.SeenAt("/api/upload-video/nemo_agent/me/sess-1").Count);
    }

    [Fact]
    public void RetryAfterAsADateIsMeasuredFromTheInjectedClock()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicies.RateLimitWait(response, now));
    }
}
