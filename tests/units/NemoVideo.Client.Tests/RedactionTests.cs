using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class RedactionTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def-123", "Authorization: Bearer ***")]
    [InlineData("got nmv_usr_9f8e7d6c5b4a and clm_Zz09-_x", "got nmv_*** and clm_***")]
    [InlineData("""{"token":"secret-1","claim_token":"s2","access_token":"s\"3","name":"keep"}""", """{"token":"***","claim_token":"***","access_token":"***","name":"keep"}""")]
    [InlineData("https://web.test/workspace/claim?ct=abc&x=1", "https://web.test/workspace/claim?ct=***&x=1")]
    [InlineData("nothing secret here", "nothing secret here")]
    public void ScrubsEveryKnownSecretShape(string text, string expected)
    {
        Assert.Equal(expected, Redaction.Scrub(text));
    }

    [Theory]
    // Masking up to the backslash left the escaped quote's quote, which ended the JSON string early.
    [InlineData("""{"Authorization":"Bearer abc\"def","x":1}""", """{"Authorization":"Bearer ***","x":1}""")]
    // System.Text.Json writes '+' as \u002B: stopping at the backslash leaked the rest of the token.
    [InlineData("""{"note":"nmv_usr_ab\u002Bcdsecret"}""", """{"note":"nmv_***"}""")]
    public void AMaskedValueKeepsJsonEscapingIntactAndTakesItsEscapes(string text, string expected)
    {
        var scrubbed = Redaction.Scrub(text);

        Assert.Equal(expected, scrubbed);
        System.Text.Json.JsonDocument.Parse(scrubbed).Dispose();
    }

    [Theory]
    [InlineData("token 'plain-secret-value' expired", "token '***' expired")]
    [InlineData("token plain-se… expired", "token ***… expired")]          // a server that shortens what it echoes
    [InlineData("token plain-secret-v expired; plain-secret-value", "token *** expired; ***")]
    [InlineData("""{"t":"plain-secret\u002Bvalue"}""", """{"t":"***"}""")]   // the JSON-escaped form of a '+'
    [InlineData("plain-s is too short to be the token", "plain-s is too short to be the token")]
    public void AnUnprefixedSecretIsMaskedWhenEchoedShortenedOrEscaped(string text, string expected)
    {
        var secret = text.Contains("u002B") ? "plain-secret+value" : "plain-secret-value";

        Assert.Equal(expected, Redaction.Scrub(text, secret));
    }

    [Fact]
    public void ScrubsAnUnprefixedSecretVerbatim()
    {
        Assert.Equal("echo *** done", Redaction.Scrub("echo plain-secret-value done", "plain-secret-value"));
    }

    [Fact]
    public void NemoExceptionScrubsItsOwnTexts()
    {
        var error = new NemoException("Nemo.Test.X", NemoErrorCategory.NotSpecified, "bad Bearer nmv_usr_abc", "use clm_abc", "nmv_usr_target");

        Assert.DoesNotContain("nmv_usr_abc", error.Message);
        Assert.DoesNotContain("clm_abc", error.RecommendedAction);
        Assert.DoesNotContain("nmv_usr_target", error.Target);
    }

    [Fact]
    public async Task AFailingCallNeverLeaksTheUserTokenInTheErrorOrTheLog()
    {
        using var test = new TestClient();
        // The server echoes the token back in its message and body, as careless servers do.
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple",
            _ => Responses.Json($$$"""{"code":9999,"message":"token {{{TestClient.UserToken}}} lacks scope","data":{"token":"{{{TestClient.UserToken}}}"}}""", HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("lacks scope", error.Message);
        Assert.DoesNotContain(TestClient.UserToken, error.Message);
        Assert.DoesNotContain(TestClient.UserToken, error.ToString());
        Assert.NotEmpty(test.Log.Lines);
        Assert.Contains(test.Log.Lines, line => line.StartsWith("DEBUG:") && line.Contains("lacks scope"));
        Assert.DoesNotContain(TestClient.UserToken, test.Log.All);
    }

    [Fact]
    public async Task ASuccessfulFlowLogsBodiesWithoutTheTokenOrTheClaimToken()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/anonymous-token", _ => Responses.Json(Responses.Token("nmv_usr_flowsecret")));
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/claim-token", _ => Responses.Ok("""{"claim_token":"clm_claimsecret","expires_in":600}"""));

        var link = await test.Client.GetBrowserLinkAsync(test.Session, TestContext.Current.CancellationToken);

        Assert.Contains("clm_claimsecret", link.AbsoluteUri);
        Assert.Contains(test.Log.Lines, line => line.StartsWith("DEBUG:") && line.Contains("expires_in"));
        Assert.DoesNotContain("flowsecret", test.Log.All);
        Assert.DoesNotContain("claimsecret", test.Log.All);
    }

    [Fact]
    public async Task TheAnonymousTokenNeverReachesTheLog()
    {
        using var test = new TestClient(token: null);
        test.On(HttpMethod.Post, TestClient.Api + "api/auth/anonymous-token", _ => Responses.Json(Responses.Token("nmv_usr_secretvalue")));
        test.On(HttpMethod.Get, TestClient.Api + "api/credits/balance/simple", _ => Responses.Status(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<NemoException>(() => test.Client.GetCreditsAsync(TestContext.Current.CancellationToken));

        Assert.Contains(test.Log.Lines, line => line.Contains("anonymous-token"));
        Assert.DoesNotContain("secretvalue", test.Log.All);
    }
}
