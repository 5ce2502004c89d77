using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>A second loopback web server that serves one file at /clips/remote.mp4, for URL uploads.</summary>
internal static class FileHost
{
    public static Task<LoopbackWebApp> StartAsync(string path) =>
        LoopbackWebApp.StartAsync(app => app.MapGet("/clips/remote.mp4", () => Results.File(path, "video/mp4")));
}
