using System.Collections.Concurrent;
using System.Diagnostics;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>The limits cost ordinary traffic nothing: 50 clients at once on loopback, every answer right and quick.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class LoadTests
{
    private const int Clients = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FiftyConcurrentClientsGetNoErrorsAndQuickAnswers(bool requestLog)
    {
        await using var server = await TestServer.StartAsync(options =>
            options.MinimumLogLevel = requestLog ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning);
        var api = new RawApi(server);
        var clients = new List<(string ClientId, string Token, string SessionId)>();
        for (var i = 0; i < Clients; i++)
        {
            var clientId = Guid.NewGuid().ToString();
            var token = await api.AnonymousTokenAsync(clientId);
            clients.Add((clientId, token, await api.SessionAsync(token)));
        }

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var turn = 0;
            while (stop.Elapsed < Duration)
            {
                using var request = (turn++ % 3) switch
                {
                    0 => server.Request(HttpMethod.Get, $"/api/state/nemo_agent/me/{client.SessionId}/latest", client.Token),
                    1 => server.Request(HttpMethod.Get, "/api/credits/balance/simple", client.Token),
                    _ => TokenRequest(server, client.ClientId),
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
                    await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Add($"{request.RequestUri}: HTTP {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException error)
                {
                    errors.Add($"{request.RequestUri}: {error.Message}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, TestContext.Current.CancellationToken)));

        var sorted = latencies.Order().ToArray();
        var p50 = sorted[sorted.Length / 2];
        var p99 = sorted[(int)(sorted.Length * 0.99)];
        Measure.Report($"{Clients} clients x {Duration.TotalSeconds:0} s: {sorted.Length:N0} requests, {errors.Count} errors, "
            + $"p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {sorted[^1]:0.0} ms (request log {(requestLog ? "on" : "off")})");
        Assert.Empty(errors);
        // The machine running the tests is shared; 50 ms is the figure to report, 250 ms the bound that cannot flake.
        Assert.True(p99 < 250, $"p99 {p99:0.0} ms");
    }

    private static HttpRequestMessage TokenRequest(TestServer server, string clientId)
    {
        var request = server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", clientId);
        return request;
    }
}
