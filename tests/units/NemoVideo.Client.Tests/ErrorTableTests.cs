using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>Every row of the contract's error table, from the body's code and from the HTTP status.</summary>
public class ErrorTableTests
{
    private const string State = TestClient.Api + "api/state/nemo_agent/me/sess-1/latest";

    [Theory]
    [InlineData(1002, "Nemo.Session.NotFound", NemoErrorCategory.ObjectNotFound, "Connect-Nemo")]
    [InlineData(4001, "Nemo.Upload.UnsupportedType", NemoErrorCategory.InvalidType, "mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac")]
    [InlineData(4002, "Nemo.Upload.FileTooLarge", NemoErrorCategory.LimitsExceeded, "500 MB")]
    [InlineData(2001, "Nemo.Credits.Exhausted", NemoErrorCategory.QuotaExceeded, "Top up")]
    [InlineData(7777, "Nemo.Api.UnknownCode", NemoErrorCategory.InvalidOperation, "code 7777")]
    [InlineData(4003, "Nemo.Upload.UnreadableMedia", NemoErrorCategory.InvalidData, "re-encode")]
    [InlineData(429, "Nemo.Api.RateLimited", NemoErrorCategory.LimitsExceeded, "retried")]
    [InlineData(503, "Nemo.Api.Unavailable", NemoErrorCategory.ResourceUnavailable, "retried")]
    public async Task CodeInA200BodyBecomesTheMatchingError(int code, string errorId, NemoErrorCategory category, string advice)
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Code(code, "nope"));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.Equal(code, error.ApiCode);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("sess-1", error.Target);
        Assert.Contains(advice, error.Message);
        Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
    }

    [Theory]
    [InlineData("""{"code":4002,"message":"too big","data":{"limit_bytes":1000000}}""")]
    [InlineData("""{"code":4002,"message":"'a.mp4' is larger than the 1,000,000-byte limit. Trim or compress it before uploading.","data":null}""")]
    public async Task TheSizeLimitQuotedIsTheOneTheServiceEnforced(string answer)
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Json(answer, HttpStatusCode.RequestEntityTooLarge));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.UploadFileTooLarge, error.ErrorId);
        Assert.Contains("1 MB (1,000,000 bytes)", error.Message);
        Assert.DoesNotContain("500 MB", error.Message);
    }

    [Theory]
    [InlineData(4003, "Unreadable.")]
    [InlineData(7777, "Something odd.")]
    [InlineData(503, "Retry shortly.")]
    public async Task NoErrorHasADoubledFullStopOrSaysTryLaterForAFileThatWillNotChange(int code, string message)
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Code(code, message));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.DoesNotMatch(@"(?<!\.)\.\.(?!\.)", error.Message);
        if (code == 4003)
        {
            Assert.DoesNotContain("later", error.Message);
        }
    }

    [Fact]
    public async Task CodeInAnErrorStatusBodyIsReadToo()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Code(1002, "gone", HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Session.NotFound", error.ErrorId);
        Assert.Equal(404, error.HttpStatus);
        Assert.Contains("sess-1", error.Message);
    }

    [Fact]
    public async Task OutOfCreditsForAnAnonymousUserGivesTheBindLink()
    {
        using var test = new TestClient(token: null, clientId: "0a0b0c0d-1111-2222-3333-444455556666");
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/anonymous-token", _ => Responses.Json(Responses.Token("nmv_usr_a")));
        test.On(HttpMethod.Get, State, _ => Responses.Code(2001, "no credits"));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Credits.Exhausted", error.ErrorId);
        Assert.Contains("https://web.test/?bind=0a0b0c0d-1111-2222-3333-444455556666", error.Message);
        Assert.DoesNotContain("Top up", error.Message);
    }

    [Fact]
    public async Task Http402IsThePlanNotTheCredits()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Status(HttpStatusCode.PaymentRequired));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Export.PlanBlocked", error.ErrorId);
        Assert.Equal(NemoErrorCategory.PermissionDenied, error.Category);
        Assert.Equal(402, error.HttpStatus);
        Assert.Contains("Register or upgrade", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "Nemo.Auth.TokenInvalid", NemoErrorCategory.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, "Nemo.Api.RequestRejected", NemoErrorCategory.ObjectNotFound)]
    [InlineData(HttpStatusCode.Conflict, "Nemo.Api.RequestRejected", NemoErrorCategory.InvalidArgument)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "Nemo.Upload.FileTooLarge", NemoErrorCategory.LimitsExceeded)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "Nemo.Upload.UnsupportedType", NemoErrorCategory.InvalidType)]
    public async Task HttpStatusesWithoutACodeMapToStableIds(HttpStatusCode status, string errorId, NemoErrorCategory category)
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => Responses.Status(status));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.Equal((int)status, error.HttpStatus);
    }

    [Fact]
    public async Task ANonJsonSuccessIsAnUnexpectedResponse()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>gateway</html>") });

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Api.UnexpectedResponse", error.ErrorId);
        Assert.Equal(NemoErrorCategory.InvalidResult, error.Category);
    }

    [Fact]
    public async Task ANetworkFailureIsAConnectionErrorAfterTheRetries()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, State, _ => throw new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Api.ConnectionFailed", error.ErrorId);
        Assert.Equal(NemoErrorCategory.ConnectionError, error.Category);
        Assert.Equal(1 + 3, test.SeenAt("/api/state/nemo_agent/me/sess-1/latest").Count);
    }

    [Fact]
    public async Task TopLevelPayloadWithoutEnvelopeIsAccepted()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Json("""{"available":"12.5","frozen":2,"total":14.5,"currency":"cr"}"""));

        var credit = await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new NemoCredit(12.5m, 2m, 14.5m), credit);
    }

    [Fact]
    public async Task APayloadWithItsOwnCodeFieldButNoEnvelopeIsNotMistakenForAnError()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Json("""{"code":5,"available":1,"frozen":0,"total":1}"""));

        var credit = await test.Client.GetCreditsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1m, credit.Available);
    }
}
