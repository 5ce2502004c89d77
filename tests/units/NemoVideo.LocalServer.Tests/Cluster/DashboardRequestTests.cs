using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>Malformed requests to Hangfire's dashboard are the caller's mistake: a 400-class answer, not a 500 "restart the server".</summary>
[Collection(HangfireCollection.Name)]
public sealed class DashboardRequestTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task MalformedDashboardPostsAnswer400()
    {
        _db.SkipWithoutPostgres();
        await using var server = await TestServer.StartAsync(options => options.Cluster = new ClusterOptions
        {
            ConnectionString = _db.Cluster.ConnectionString, SharedDirectory = _db.Shared, Role = ClusterRole.Api, WorkerName = "api-test",
        });

        foreach (var content in new HttpContent?[] { null, new StringContent("{}", System.Text.Encoding.UTF8, "application/json") })
        {
            using var response = await server.Http.PostAsync("/hangfire/stats", content, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.DoesNotContain("restart the server", body);
        }

        // An empty form asks for no metrics: the dashboard answers it, and it is no failure.
        using (var empty = await server.Http.PostAsync("/hangfire/stats",
            new StringContent("", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken))
        {
            Assert.InRange((int)empty.StatusCode, 200, 499);
        }

        using var page = await server.Http.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)page.StatusCode);
    }
}
