using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// An API node whose PostgreSQL goes away and comes back: while it is down, requests answer 503 naming the database
/// (host:port/name, never the password) and the status endpoint says "unreachable"; the first request after PostgreSQL
/// restarted succeeds although the node's pooled connections died with the old server. Real PostgreSQL, real Kestrel.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class DatabaseOutageTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AnOutageAnswers503NamingTheDatabaseAndTheFirstRequestAfterARestartSucceeds()
    {
        _db.SkipWithoutPostgres();
        var postgres = fixture.Postgres!;
        // Pooled, as in production, and with a password that must appear nowhere.
        var connection = _db.Cluster.ConnectionString.Replace("Pooling=false", "Pooling=true") + ";Password=hunter2";
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database;
        await using var server = await TestServer.StartAsync(options => options.Cluster = new ClusterOptions
        {
            ConnectionString = connection, SharedDirectory = _db.Shared, Role = ClusterRole.Api, WorkerName = "api-test",
        });
        Assert.Equal(200, (await TokenAsync(server, "client-1")).Status);

        // PostgreSQL restarts while the node is idle: its pooled connections are dead, the next request still succeeds.
        postgres.Halt();
        postgres.Resume();
        Assert.Equal(200, (await TokenAsync(server, "client-2")).Status);

        postgres.Halt();
        try
        {
            var (status, body, retryAfter) = await TokenAsync(server, "client-3");
            var cluster = await StatusAsync(server);

            Assert.Equal(503, status);
            Assert.Contains($"the cluster database 127.0.0.1:{postgres.Port}/{database} is unreachable", body);
            Assert.DoesNotContain("restart the server", body);
            Assert.DoesNotContain("hunter2", body);
            Assert.Equal("5", retryAfter);
            Assert.Equal("unreachable", cluster["database"]!.GetValue<string>());
            Assert.Contains($"127.0.0.1:{postgres.Port}/{database}", cluster["message"]!.GetValue<string>());
        }
        finally
        {
            postgres.Resume();
        }

        Assert.Equal(200, (await TokenAsync(server, "client-4")).Status);
        Assert.Equal("reachable", (await StatusAsync(server))["database"]!.GetValue<string>());
    }

    private static async Task<(int Status, string Body, string? RetryAfter)> TokenAsync(TestServer server, string clientId)
    {
        using var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", clientId);
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            response.Headers.RetryAfter?.ToString());
    }

    private static async Task<JsonNode> StatusAsync(TestServer server)
    {
        using var response = await server.Http.GetAsync("/local/cluster", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }
}
