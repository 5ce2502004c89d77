using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>A 4xxx code outside the contract's table (the local server's 4003: the file is not a video) refuses the file
/// for what it is: the advice must not suggest retrying later.</summary>
public class RefusedFileAdviceTests
{
    [Fact]
    public async Task A_file_refused_for_what_it_is_gets_the_services_words_and_no_advice_to_retry()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/state/nemo_agent/me/sess-1/latest",
            _ => Responses.Code(4003, "'song.mp4' cannot be used as a video: it holds only audio (aac)"));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken));

        Assert.Contains("it holds only audio", error.Message);
        Assert.Contains("will not help", error.RecommendedAction);
        Assert.DoesNotContain("try again later", error.RecommendedAction);
    }
}
