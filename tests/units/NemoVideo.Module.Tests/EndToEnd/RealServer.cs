using System.Collections;
using System.Diagnostics;
using NemoVideo.Client;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.LocalServer;
using NemoVideo.Module.Tests.Contracts;
using NemoVideo.Module.Tests.Fakes;
using NemoVideo.Tests.Shared;

namespace NemoVideo.Module.Tests.EndToEnd;

/// <summary>
/// The real local server (its build output, started as a process exactly as Connect-Nemo -Local does) with the real
/// client over loopback HTTP and real ffmpeg.
/// </summary>
public static class RealServer
{
    public static string ServerAssembly
    {
        get
        {
            // tests/units/NemoVideo.Module.Tests/bin/<Configuration>/net10.0/ → the server's output of the same configuration.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Repository.PathOf("src", "NemoVideo.LocalServer", "bin", configuration, "net10.0", LocalServerLauncher.ServerAssembly);
        }
    }

    public static void SkipUnlessFfmpeg() =>
        Assert.SkipUnless(ProcessRunner.FindOnPath("ffmpeg") != null && ProcessRunner.FindOnPath("ffprobe") != null, "ffmpeg/ffprobe not found on PATH");

    /// <summary>Connect-Nemo -Local through its handler: starts the server, opens a session, sets the default.</summary>
    public static async Task<NemoConnection> ConnectLocalAsync(FakeCommandHost host, IConnectionScope scope, string dataDirectory, params string[] serverOptions)
    {
        var launcher = new LocalServerLauncher(ServerAssembly, serverOptions);
        var handler = new ConnectHandler(
            new ConnectRequest(null, null, Local: true, null, "en"),
            new Hashtable { ["NEMO_CLIENT_ID"] = Guid.NewGuid().ToString() },
            options => new NemoClient(options),
            async cancellationToken => await launcher.StartAsync(dataDirectory, cancellationToken),
            scope,
            TimeProvider.System);
        await handler.ExecuteAsync(host, TestContext.Current.CancellationToken);
        return scope.Current ?? throw new InvalidOperationException("Connect produced no connection: " + string.Join("; ", host.Errors.Select(error => error.Exception.Message)));
    }

    /// <summary>A real H.264/AAC clip made by ffmpeg: a test pattern at a high bit rate, so compression has work to do.</summary>
    public static string MakeClip(string path, int seconds = 4, string bitRate = "3M") =>
        TestFfmpeg.MakeClip(path, seconds, "1280x720", 30, bitRate);

    public static string Probe(string path, string entries) => TestFfmpeg.Probe(path, entries);
}
