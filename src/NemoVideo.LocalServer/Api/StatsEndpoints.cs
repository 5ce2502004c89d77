using NemoVideo.LocalServer.Diagnostics;

namespace NemoVideo.LocalServer.Api;

/// <summary>GET /local/stats (local extension): the <see cref="ServerStats"/> counts, without a token, like the health of a test double.</summary>
internal static class StatsEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/local/stats", (ServerStats stats) => Results.Json(stats.Snapshot()));
}
