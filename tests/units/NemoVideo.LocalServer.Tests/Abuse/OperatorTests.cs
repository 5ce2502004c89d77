using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>What the operator sees: a request log without secrets, and a warning when the server is reachable beyond loopback.</summary>
public sealed class OperatorTests : IDisposable
{
    private static readonly string ServerAssembly = Path.Combine(AppContext.BaseDirectory, "NemoVideo.LocalServer.dll");

    private readonly string _data = Path.Combine(Path.GetTempPath(), "nemo-operator-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task VerboseLogsEachRequestWithAClientHashAndNeverATokenOrAFileKey()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://127.0.0.1:0", "--verbose");
        var errors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var url = (await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!["NemoVideo.LocalServer listening on ".Length..];
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("X-Client-Id", "operator-test");
        var issued = JsonNode.Parse(await (await http.PostAsync("/api/auth/anonymous-token", null, TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var token = issued["data"]!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var balance = await http.GetAsync("/api/credits/balance/simple?token=" + token, TestContext.Current.CancellationToken);
        using var file = await http.GetAsync("/files/0123456789abcdef0123456789abcdef/out.mp4", TestContext.Current.CancellationToken);

        Kill(server.Id, 15);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var log = await errors;

        Assert.Matches(@"POST /api/auth/anonymous-token 200 [\d.]+ ms client [0-9a-f]{12}", log);
        Assert.Matches(@"GET /api/credits/balance/simple 200 [\d.]+ ms client [0-9a-f]{12}", log);
        Assert.Contains("GET /files/***/out.mp4 404", log);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain("0123456789abcdef0123456789abcdef", log);
        Assert.DoesNotContain("operator-test", log);
    }

    [Fact]
    public async Task ListeningBeyondLoopbackPrintsAWarningAboutMintingTokens()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://0.0.0.0:0");
        var errors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);

        Kill(server.Id, 15);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var log = await errors;
        Assert.Contains("anyone who can reach this address can mint tokens", log);
        Assert.Contains("--token-secret-file", log);
    }

    [Fact]
    public async Task OnLoopbackThereIsNoWarning()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        using var server = Start("--urls", "http://127.0.0.1:0");
        var errors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);

        Kill(server.Id, 15);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("mint tokens", await errors);
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments.Concat(["--data-dir", _data]))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
