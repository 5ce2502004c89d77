using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>A worker node's HTTP port is the operator's (as docs/cluster.md says): the cluster status, none of the API.</summary>
[Collection(HangfireCollection.Name)]
public sealed class WorkerNodeTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AWorkerServesTheClusterStatusAndNoneOfTheApi()
    {
        _db.SkipWithoutPostgres();
        await using var server = await TestServer.StartAsync(options => options.Cluster = new ClusterOptions
        {
            ConnectionString = _db.Cluster.ConnectionString, SharedDirectory = _db.Shared, Role = ClusterRole.Worker, WorkerName = "render-t",
        });

        using var status = await server.Http.GetAsync("/local/cluster", TestContext.Current.CancellationToken);
        using var token = await server.Http.SendAsync(server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null),
            TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)status.StatusCode);
        Assert.Contains("\"database\":\"reachable\"", await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(404, (int)token.StatusCode);
    }
}
