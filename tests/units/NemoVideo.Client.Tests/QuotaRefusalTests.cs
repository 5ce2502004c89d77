using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>
/// The anonymous-token quota (429 on the token call) is an answer that cannot change for days: no poll or retry loop
/// may swallow it and ask again, and once it was answered no later call in the process asks for a token again.
/// </summary>
public class QuotaRefusalTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string TokenUrl = TestClient.Api + "api/auth/anonymous-token";
    private const string Submit = TestClient.Api + "api/render/proxy/lambda";
    private const string TokenPath = "/api/auth/anonymous-token";

    private static TestClient AnonymousClient()
    {
        var test = new TestClient(token: null, clientId: ClientId);
        test.On(
            HttpMethod.Post,
            TokenUrl,
            _ => Responses.Json(Responses.Token("nmv_usr_first")),
            _ => Responses.Json("""{"code":429,"message":"1 token/client/7 days"}""", (HttpStatusCode)429));
        return test;
    }

    [Fact]
    public async Task ARevokedTokenDuringRenderPollingEndsTheWaitWithTheQuotaErrorAndAsksOnce()
    {
        using var test = AnonymousClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        var draft = (await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken)).Draft!;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        test.On(HttpMethod.Get, Submit + "/*", _ => Responses.Code(1001, "token revoked", HttpStatusCode.Unauthorized));
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.AuthAnonymousTokenQuota, error.ErrorId);
        Assert.Single(test.SeenAt("/api/render/proxy/lambda/" + job.Id));
        Assert.Equal(2, test.SeenAt(TokenPath).Count);
    }

    [Fact]
    public async Task AfterTheQuotaRefusalNoLaterCallAsksForATokenAgain()
    {
        using var test = AnonymousClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Code(1001, "token revoked", HttpStatusCode.Unauthorized));

        for (var call = 0; call < 3; call++)
        {
            var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(NemoErrorIds.AuthAnonymousTokenQuota, error.ErrorId);
        }

        Assert.Equal(2, test.SeenAt(TokenPath).Count);
    }

    [Fact]
    public async Task StateReadsDoNotRetryTheQuotaRefusal()
    {
        using var test = AnonymousClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/state/nemo_agent/me/sess-1/latest", _ => Responses.Code(1001, "token revoked", HttpStatusCode.Unauthorized));
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Ok("""{"available":80,"frozen":20,"total":100}"""));
        await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.AuthAnonymousTokenQuota, error.ErrorId);
        Assert.False(Transience.IsTransient(error));
        Assert.False(Transience.IsRefusal(error));
        Assert.Equal(2, test.SeenAt(TokenPath).Count);
    }
}
