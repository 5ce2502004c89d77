using System.Net;
using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class RenderTests
{
    private const string Submit = TestClient.Api + "api/render/proxy/lambda";

    private static async Task<(TestClient Test, NemoDraft Draft)> WithDraft(string draftJson)
    {
        var test = new TestClient();
        test.OnState(Drafts.State(draftJson));
        var state = await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken);
        return (test, state.Draft!);
    }

    private static string IdOf(SeenRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task SubmitSendsTheDraftVerbatimWithCamelCaseSessionIdAndATimestampId()
    {
        var (test, draft) = await WithDraft(Drafts.ThreeTracks);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"id":"x","status":"pending"}"""));

        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var expectedId = "render_" + test.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(expectedId, job.Id);
        Assert.Equal(
            $$$"""{"id":"{{{expectedId}}}","sessionId":"sess-1","draft":{{{Drafts.ThreeTracks}}},"output":{"format":"mp4","quality":"high"}}""",
            Assert.Single(test.SeenAt("/api/render/proxy/lambda")).Body);
        Assert.Equal((RenderStatus.Pending, 1), (job.Status, job.Attempt));
    }

    [Fact]
    public async Task TwoSubmitsInTheSameMillisecondGetDistinctIds()
    {
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));

        var first = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);
        var second = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task NothingToExportIsRefusedBeforeSending()
    {
        var (test, draft) = await WithDraft(Drafts.Empty);
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Export.NothingToExport", error.ErrorId);
        Assert.Equal(NemoErrorCategory.InvalidOperation, error.Category);
        Assert.Contains("nothing to export yet", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(test.SeenAt("/api/render/proxy/lambda"));
    }

    /// <summary>A submitted render of a one-clip draft whose polls are answered by <paramref name="polls"/> in turn.</summary>
    private static async Task<(TestClient Test, RenderJob Job)> Submitted(params string[] polls)
    {
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        test.On(HttpMethod.Get, Submit + "/*", polls.Select(json => (Func<HttpRequestMessage, HttpResponseMessage>)(_ => Responses.Json(json))).ToArray());
        return (test, await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task APollThatStaysUnavailableIsAskedAgainLaterInsteadOfEndingTheWait()
    {
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        // Four 503s exhaust one poll's transient retries; the next poll succeeds.
        test.On(
            HttpMethod.Get,
            Submit + "/*",
            _ => Responses.Status(HttpStatusCode.ServiceUnavailable),
            _ => Responses.Status(HttpStatusCode.ServiceUnavailable),
            _ => Responses.Status(HttpStatusCode.ServiceUnavailable),
            _ => Responses.Status(HttpStatusCode.ServiceUnavailable),
            _ => Responses.Json("""{"status":"completed","output":{"url":"https://cdn.test/out.mp4"}}"""));
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var done = await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);

        Assert.Equal(RenderStatus.Completed, done.Status);
        Assert.Single(test.SeenAt("/api/render/proxy/lambda"));
    }

    [Fact]
    public async Task PollingBacksOffTo30SecondsAndNormalisesPercentProgress()
    {
        var (test, job) = await Submitted(
            """{"status":"pending"}""",
            """{"status":"processing","progress":10}""",
            """{"status":"processing","progress":35}""",
            """{"status":"processing","progress":0.5}""",
            """{"status":"processing"}""",
            """{"status":"processing"}""",
            """{"status":"completed","output":{"url":"https://cdn.test/out.mp4"}}""");
        using var _ = test;
        var progress = new ListProgress<RenderProgress>();

        var done = await test.Client.WaitForRenderAsync(test.Session, job, progress, TestContext.Current.CancellationToken);

        Assert.Equal(RenderStatus.Completed, done.Status);
        Assert.Equal("https://cdn.test/out.mp4", done.OutputUrl);
        Assert.Equal(new[] { 2, 4, 8, 16, 30, 30, 30 }, test.Time.Delays.Select(delay => (int)delay.TotalSeconds));
        Assert.Equal(new[] { 0, 0.1, 0.35, 0.5, 0.5, 0.5, 1 }, progress.Items.Select(item => item.Fraction));
        Assert.Equal(TimeSpan.FromSeconds(120), progress.Items[^1].Elapsed);
    }

    [Fact]
    public async Task RetryAfterOnAPollSetsTheNextDelay()
    {
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        test.On(HttpMethod.Get, Submit + "/*",
            _ =>
            {
                var response = Responses.Json("""{"status":"processing"}""");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(11));
                return response;
            },
            _ => Responses.Json("""{"status":"completed","output":{"url":"https://cdn.test/a.mp4"}}"""));
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { 2, 11 }, test.Time.Delays.Select(delay => (int)delay.TotalSeconds));
    }

    [Fact]
    public async Task AFailedRenderIsResubmittedOnceWithANewId()
    {
        var (test, job) = await Submitted("""{"status":"failed","error":"node lost","transient":true}""", """{"status":"completed","output":{"url":"https://cdn.test/b.mp4"}}""");
        using var _ = test;

        var done = await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);

        var submits = test.SeenAt("/api/render/proxy/lambda");
        Assert.Equal(2, submits.Count);
        Assert.NotEqual(IdOf(submits[0]), IdOf(submits[1]));
        Assert.Equal((RenderStatus.Completed, 2, IdOf(submits[1])), (done.Status, done.Attempt, done.Id));
        var polls = test.Seen.Where(request => request.Method == HttpMethod.Get && request.Uri.AbsolutePath.StartsWith("/api/render/proxy/lambda/")).ToList();
        Assert.Equal("/api/render/proxy/lambda/" + IdOf(submits[1]), polls[^1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task TheResubmittedRenderIdIsReportedBeforeItIsPolled()
    {
        var (test, job) = await Submitted("""{"status":"failed","error":"node lost","transient":true}""", """{"status":"completed","output":{"url":"https://cdn.test/b.mp4"}}""");
        using var _ = test;
        int PollsOf(string id) => test.SeenAt("/api/render/proxy/lambda/" + id).Count;
        var pollsWhenFirstReported = new Dictionary<string, int>();
        var progress = new ListProgress<RenderProgress>(report => pollsWhenFirstReported.TryAdd(report.RenderId, PollsOf(report.RenderId)));

        var done = await test.Client.WaitForRenderAsync(test.Session, job, progress, TestContext.Current.CancellationToken);

        Assert.NotEqual(job.Id, done.Id);
        Assert.Equal(0, pollsWhenFirstReported[done.Id]);
    }

    [Fact]
    public async Task FailingTwiceGivesUpWithTheReason()
    {
        var (test, job) = await Submitted("""{"status":"failed","error":{"message":"codec error.","retryable":true}}""");
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Export.RenderFailed", error.ErrorId);
        Assert.Contains("codec error", error.Message);
        Assert.DoesNotContain("..", error.Message);
        Assert.Equal(2, test.SeenAt("/api/render/proxy/lambda").Count);
    }

    [Fact]
    public async Task AFailureWithNoReasonIsResubmittedOnce()
    {
        var (test, job) = await Submitted("""{"status":"failed"}""", """{"status":"completed","output":{"url":"https://cdn.test/b.mp4"}}""");
        using var _ = test;

        var done = await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, done.Attempt);
        Assert.Equal(2, test.SeenAt("/api/render/proxy/lambda").Count);
    }

    [Theory]
    [InlineData("""{"status":"failed","error":"50,000 bytes is too small for 20 seconds of video."}""")]
    [InlineData("""{"status":"failed","error":"not readable media","transient":false}""")]
    public async Task AFailureThatWouldRepeatIsNotResubmitted(string failed)
    {
        var (test, job) = await Submitted(failed, """{"status":"completed","output":{"url":"https://cdn.test/b.mp4"}}""");
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.ExportRenderRefused, error.ErrorId);
        Assert.Single(test.SeenAt("/api/render/proxy/lambda"));
        Assert.DoesNotContain("..", error.Message);
        Assert.DoesNotContain("later", error.Message);
    }

    [Theory]
    [InlineData("Nemo.Compression.Infeasible")]
    [InlineData("Nemo.Compression.InvalidRequest")]
    public async Task ARefusalTheServerNamesKeepsItsIdAndIsNotResubmitted(string errorId)
    {
        var failed = $$"""{"status":"failed","error":"3,000 bytes is too small for 4 seconds of video.","transient":false,"error_id":"{{errorId}}"}""";
        var (test, job) = await Submitted(failed, """{"status":"completed","output":{"url":"https://cdn.test/b.mp4"}}""");
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal((errorId, NemoErrorCategory.InvalidArgument, (object?)job.Id), (error.ErrorId, error.Category, (object?)error.Target));
        Assert.Contains("3,000 bytes is too small", error.Message);
        Assert.Single(test.SeenAt("/api/render/proxy/lambda"));
    }

    [Fact]
    public async Task AnErrorIdTheClientDoesNotKnowLeavesTheRefusalGeneric()
    {
        var failed = """{"status":"failed","error":"the disk is full","transient":false,"error_id":"Nemo.Compression.SomethingNew"}""";
        var (test, job) = await Submitted(failed);
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.ExportRenderRefused, error.ErrorId);
    }

    [Fact]
    public async Task CancellingTheWaitStopsPolling()
    {
        var (test, job) = await Submitted("""{"status":"processing"}""");
        using var _ = test;
        using var cancellation = new CancellationTokenSource();
        var progress = new ListProgress<RenderProgress>(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.WaitForRenderAsync(test.Session, job, progress, cancellation.Token));

        Assert.Single(progress.Items);
    }

    [Fact]
    public async Task ARenderThatNeverFinishesTimesOut()
    {
        var (test, job) = await Submitted("""{"status":"processing"}""");
        using var _ = test;

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Export.RenderTimeout", error.ErrorId);
        Assert.True(test.Time.Delays.Sum(delay => delay.TotalMinutes) >= 20);
    }

    [Fact]
    public async Task AServiceThatStopsAnsweringEndsTheWaitAfterTwoMinutesNotTwenty()
    {
        // A helper saw it: the local server died mid-render and Compress-NemoVideo waited on for over ten minutes.
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        test.On(HttpMethod.Get, Submit + "/*",
            _ => Responses.Json("""{"status":"processing"}"""),
            _ => throw new HttpRequestException("Connection refused (127.0.0.1:5000)"));
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken));

        Assert.Equal(NemoErrorIds.ApiConnectionFailed, error.ErrorId);
        Assert.Equal(job.Id, error.Target);
        Assert.Contains("has not answered for 2 minutes", error.Message);
        Assert.Contains("Connection refused", error.Message);
        var waited = test.Time.Delays.Sum(delay => delay.TotalMinutes);
        Assert.InRange(waited, 2, 4);
    }

    [Fact]
    public async Task APollThatIsAnsweredAgainResetsTheUnreachableClock()
    {
        var (test, draft) = await WithDraft(Drafts.OneVideo);
        using var _ = test;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        var started = test.Time.GetUtcNow();
        var answered = 0;
        // Unreachable for 90 s, answered once, unreachable for another 90 s, then done: 3 minutes in all, never 2 in a row.
        test.On(HttpMethod.Get, Submit + "/*", _ =>
        {
            var elapsed = test.Time.GetUtcNow() - started;
            if (elapsed < TimeSpan.FromSeconds(90) || (answered == 1 && elapsed < TimeSpan.FromSeconds(180)))
            {
                throw new HttpRequestException("Connection refused");
            }

            return ++answered == 1
                ? Responses.Json("""{"status":"processing"}""")
                : Responses.Json("""{"status":"completed","output":{"url":"https://cdn.test/a.mp4"}}""");
        });
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var done = await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);

        Assert.Equal(RenderStatus.Completed, done.Status);
        Assert.True(test.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(180));
    }
}
