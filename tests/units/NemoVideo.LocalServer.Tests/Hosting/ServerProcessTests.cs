using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NemoVideo.LocalServer.Tests.Hosting;

/// <summary>The built server as a process, started the way the module starts it.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private static readonly string ServerAssembly = Path.Combine(AppContext.BaseDirectory, "NemoVideo.LocalServer.dll");

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nemo-server-process-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task TheFirstStdoutLineNamesTheUrlNoTokenIsLoggedAndSigtermStopsItCleanly()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://127.0.0.1:0", "--verbose");
        var errors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        var firstLine = await ReadFirstLineAsync(server);
        var url = firstLine["NemoVideo.LocalServer listening on ".Length..];
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var probe = await http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Add("X-Client-Id", "process-test");
        using var issued = await http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken);
        var token = System.Text.Json.Nodes.JsonNode.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["data"]!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var session = await http.PostAsync("/api/tasks/me/with-session/nemo_agent",
            new StringContent("""{"task_name":"project","language":"en"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(0, Kill(server.Id, 15));
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var rest = await server.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.Matches(@"^NemoVideo\.LocalServer listening on http://127\.0\.0\.1:\d+$", firstLine);
        Assert.Equal(400, (int)probe.StatusCode);
        Assert.True(session.IsSuccessStatusCode);
        Assert.Equal(0, server.ExitCode);
        Assert.Equal(string.Empty, rest);
        Assert.DoesNotContain(token, await errors);
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
    public async Task TheBeyondLoopbackWarningNamesTheBoundPortNotPortZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://0.0.0.0:0");
        var errors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        var firstLine = await ReadFirstLineAsync(server);
        var port = new Uri(firstLine["NemoVideo.LocalServer listening on ".Length..]).Port;
        Kill(server.Id, 15);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var logged = await errors;

        Assert.NotEqual(0, port);
        Assert.Contains($"Listening on http://0.0.0.0:{port}, beyond loopback", logged);
        Assert.DoesNotContain(":0,", logged);
    }

    [Fact]
    public async Task APortInUseIsReportedPlainly()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;
        using var server = Start("--urls", $"http://127.0.0.1:{port}");

        var errors = await server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, server.ExitCode);
        Assert.Contains($"Cannot listen on http://127.0.0.1:{port}", errors);
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

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments.Concat(["--data-dir", _dataDirectory]))
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
