using System.Net;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>An instruction the service refused before any work is known to be not applied, so a batch need not wait for it.</summary>
public class InstructionRefusalTests
{
    private const string RunSse = TestClient.Api + "run_sse";

    [Fact]
    public async Task A_request_refused_with_an_error_code_is_not_applied()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        test.On(HttpMethod.Post, RunSse, _ => Responses.Code(1002, "session not found", HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SendInstructionAsync(test.Session, "trim", null, TestContext.Current.CancellationToken));

        Assert.True(InstructionRefusal.NotApplied(error));
        Assert.Single(test.SeenAt("/run_sse"));
    }

    [Fact]
    public async Task Out_of_credits_is_not_applied()
    {
        var error = new NemoException(NemoErrorIds.CreditsExhausted, NemoErrorCategory.QuotaExceeded, "Out of credits.", apiCode: 2001, httpStatus: 200);

        Assert.True(InstructionRefusal.NotApplied(error));
    }

    [Fact]
    public void A_server_error_may_have_come_after_the_work()
    {
        var error = new NemoException(NemoErrorIds.ApiServerError, NemoErrorCategory.ResourceUnavailable, "Server error.", httpStatus: 500);

        Assert.False(InstructionRefusal.NotApplied(InstructionRefusal.MarkIfAnsweredBeforeWork(error)));
    }
}
