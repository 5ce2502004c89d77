using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NemoVideo.LocalServer.Tests.Hosting;

/// <summary>The built server as a process, started the way the module starts it.</summary>
public class ServerProcessTests
{
    private static readonly string ServerAssembly = Path.Combine(AppContext.BaseDirectory, "NemoVideo.LocalServer.dll");

    [Fact]
    public async Task TheFirstStdoutLineNamesTheUrlAndSigtermStopsItCleanly()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://127.0.0.1:0");

        var firstLine = await ReadFirstLineAsync(server);
        var url = firstLine["NemoVideo.LocalServer listening on ".Length..];
        using var http = new HttpClient();
        using var probe = await http.PostAsync(url + "/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
        Assert.Equal(0, Kill(server.Id, 15));
        var exited = server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await exited;

        Assert.Matches(@"^NemoVideo\.LocalServer listening on http://127\.0\.0\.1:\d+$", firstLine);
        Assert.Equal(400, (int)probe.StatusCode);
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task ItExitsWhenItsParentProcessEnds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses the sleep command as a parent");
        using var parent = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using var server = Start("--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ReadFirstLineAsync(server);

        parent.Kill();
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task ABadCommandLineExitsWithUsage()
    {
        using var server = Start("--fault", "gremlins");

        var errors = await server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, server.ExitCode);
        Assert.Contains("Unknown fault kind 'gremlins'", errors);
        Assert.Contains("Usage:", errors);
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments.Concat(["--data-dir", Path.Combine(Path.GetTempPath(), "nemo-server-process-" + Guid.NewGuid().ToString("N"))]))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> ReadFirstLineAsync(Process server) =>
        await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException("The server wrote nothing: " + await server.StandardError.ReadToEndAsync());

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
