using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>Render ids belong to the client that used them; idle sessions take their files with them.</summary>
public sealed class ScopeAndRetentionTests
{
    [Fact]
    public async Task TwoClientsUsingTheSameRenderIdEachGetTheirOwnJob()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (tokenA, sessionA) = await NewClientWithVideoAsync(api, "client-a");
        var (tokenB, sessionB) = await NewClientWithVideoAsync(api, "client-b");

        var submittedA = await api.SubmitRenderAsync(tokenA, sessionA, await api.DraftAsync(tokenA, sessionA), "render_1");
        // B takes the id A used (as it could take a predictable future id): it gets its own job, not A's, and no error.
        var submittedB = await api.SubmitRenderAsync(tokenB, sessionB, await api.DraftAsync(tokenB, sessionB), "render_1");
        var jobA = await api.WaitForRenderAsync(tokenA, "render_1");
        var jobB = await api.WaitForRenderAsync(tokenB, "render_1");
        var reused = await api.SubmitRenderAsync(tokenA, sessionA, await api.DraftAsync(tokenA, sessionA), "render_1");

        Assert.Equal(0, submittedA["code"]!.GetValue<int>());
        Assert.Equal(0, submittedB["code"]!.GetValue<int>());
        Assert.Equal(sessionA, jobA["data"]!["session_id"]!.GetValue<string>());
        Assert.Equal(sessionB, jobB["data"]!["session_id"]!.GetValue<string>());
        Assert.NotEqual(jobA["output"]!["url"]!.GetValue<string>(), jobB["output"]!["url"]!.GetValue<string>());
        Assert.Equal(4000, reused["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnIdleSessionLosesItsUploadsAndRendersWhenItsRetentionEnds()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.SessionRetention = TimeSpan.FromHours(1);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionWithVideoAsync();
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_kept");
        await api.WaitForRenderAsync(token, "render_kept");
        var janitor = (OutputJanitor)server.Server.Services.GetService(typeof(OutputJanitor))!;
        var filesBefore = CountFiles(server.Options.StateDirectory);

        clock.Advance(TimeSpan.FromMinutes(59));
        janitor.Sweep();
        var stillThere = await api.StateAsync(token, sessionId);
        clock.Advance(TimeSpan.FromMinutes(61));
        janitor.Sweep();
        var gone = await api.StateAsync(token, sessionId);
        var filesAfter = CountFiles(server.Options.StateDirectory);

        Measure.Report($"session retention: files in the state folder {filesBefore} -> {filesAfter}");
        Assert.Equal(0, stillThere["code"]!.GetValue<int>());
        Assert.Equal(1002, gone["code"]!.GetValue<int>());
        Assert.Equal(2, filesBefore);
        Assert.Equal(0, filesAfter);
    }

    /// <summary>Uploads and renders (the state folder also holds the database).</summary>
    private static int CountFiles(string folder) =>
        new[] { "media", "renders" }.Select(kind => Path.Combine(folder, kind)).Where(Directory.Exists)
            .Sum(kind => Directory.EnumerateFiles(kind, "*", SearchOption.AllDirectories).Count());

    private static async Task<(string Token, string SessionId)> NewClientWithVideoAsync(RawApi api, string clientId)
    {
        var token = await api.AnonymousTokenAsync(clientId);
        var sessionId = await api.SessionAsync(token);
        (await api.UploadAsync(token, sessionId, await TestClips.SmallAsync())).Response.Dispose();
        return (token, sessionId);
    }
}
