using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>The optional <c>queue_position</c> of a render poll (the local server in cluster mode); the hosted API has none.</summary>
public class RenderQueuePositionTests
{
    private static readonly RenderJob Submitted = new("render_1", "sess-1", RenderStatus.Pending, 0, null, null,
        new NemoDraft([], null, true, string.Empty, "{}"), 1);

    private static RenderJob Poll(RenderJob job, string json)
    {
        using var document = JsonDocument.Parse(json);
        return RenderStatusReader.Apply(job, document.RootElement);
    }

    [Fact]
    public void APendingJobTakesThePositionTheServerReports() =>
        Assert.Equal(3, Poll(Submitted, """{"status":"pending","progress":0,"queue_position":3}""").QueuePosition);

    [Fact]
    public void AServerThatDoesNotSayGivesNoPosition() =>
        Assert.Null(Poll(Submitted, """{"status":"pending","progress":0}""").QueuePosition);

    [Fact]
    public void APositionIsNotKeptOnceTheJobRuns()
    {
        var queued = Poll(Submitted, """{"status":"pending","queue_position":1}""");

        var running = Poll(queued, """{"status":"processing","progress":0.2,"queue_position":1}""");

        Assert.Equal(1, queued.QueuePosition);
        Assert.Null(running.QueuePosition);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    [InlineData("\"soon\"")]
    [InlineData("null")]
    public void ANonsensePositionIsIgnored(string value) =>
        Assert.Null(Poll(Submitted, $$"""{"status":"pending","queue_position":{{value}}}""").QueuePosition);

    /// <summary>Get-NemoRender's one poll: the position comes through, and nothing is submitted or waited for.</summary>
    [Fact]
    public async Task OnePollOfARenderByIdGivesItsPlaceInTheQueueAndSubmitsNothing()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "api/render/proxy/lambda/*", _ => Responses.Json("""{"status":"pending","progress":0,"queue_position":4}"""));

        var job = await test.Client.GetRenderAsync(test.Session, "render_42", TestContext.Current.CancellationToken);

        Assert.Equal(("render_42", RenderStatus.Pending, (int?)4), (job.Id, job.Status, job.QueuePosition));
        Assert.False(job.Draft.IsExportable);
        Assert.Single(test.SeenAt("/api/render/proxy/lambda/render_42"));
        Assert.Empty(test.SeenAt("/api/render/proxy/lambda"));
    }
}
