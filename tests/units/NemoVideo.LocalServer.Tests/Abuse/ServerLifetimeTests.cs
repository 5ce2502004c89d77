using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>
/// The built server as a process: a private data folder, refused when unsafe, and every way of stopping it — during a
/// render — leaves no process and no file behind.
/// </summary>
public sealed class ServerLifetimeTests : IDisposable
{
    private static readonly string ServerAssembly = Path.Combine(AppContext.BaseDirectory, "NemoVideo.LocalServer.dll");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "nemo-lifetime-" + Guid.NewGuid().ToString("N"));

    public ServerLifetimeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ByDefaultDataGoesToAPrivateStateFolderAndIsRemovedWhenTheServerStops()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux state folder");
        var state = Path.Combine(_root, "state");
        using var server = Start(["--urls", "http://127.0.0.1:0"], environment: ("XDG_STATE_HOME", state));
        await FirstLineAsync(server);
        var folder = Path.Combine(state, "nemovideo");
        var run = Directory.GetDirectories(folder, "run-*").Single();
        var folderMode = File.GetUnixFileMode(folder);
        var runMode = File.GetUnixFileMode(run);

        Assert.Equal(0, Kill(server.Id, 15));
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folderMode);
        Assert.Equal(folderMode, runMode);
        Assert.False(Directory.Exists(run));
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task KeepDataKeepsTheRunFolder()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM through libc");
        var data = Path.Combine(_root, "data");
        using var server = Start(["--data-dir", data, "--keep-data"]);
        await FirstLineAsync(server);

        Kill(server.Id, 15);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Single(Directory.GetDirectories(data, "run-*"));
    }

    [Fact]
    public async Task AFolderOthersCanWriteIsRefusedWithExitCode3()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix permissions");
        var shared = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("777", 8));
        using var server = Start(["--data-dir", shared]);

        var errors = await server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, server.ExitCode);
        Assert.Contains("can be written by other users", errors);
        Assert.Empty(Directory.GetFileSystemEntries(shared));
    }

    [Fact]
    public async Task AFolderAnotherUserOwnsIsRefusedWithExitCode3()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && GetEffectiveUserId() == 0, "needs root to give a folder to another user");
        var theirs = Directory.CreateDirectory(Path.Combine(_root, "theirs")).FullName;
        File.SetUnixFileMode(theirs, (UnixFileMode)Convert.ToInt32("700", 8));
        using (var chown = Process.Start("chown", ["65534", theirs])!)
        {
            await chown.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var server = Start(["--data-dir", theirs]);
        var errors = await server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, server.ExitCode);
        Assert.Contains("belongs to another user", errors);
    }

    /// <summary>How the server is stopped while ffmpeg encodes for it.</summary>
    public enum StopWay
    {
        Sigterm,
        StandardInputClosed,
        ParentEnded,
    }

    [Theory]
    [InlineData(StopWay.Sigterm, false)]
    [InlineData(StopWay.StandardInputClosed, false)]
    [InlineData(StopWay.ParentEnded, false)]
    [InlineData(StopWay.Sigterm, true)]
    [InlineData(StopWay.StandardInputClosed, true)]
    public async Task StoppingDuringARenderLeavesNoProcessAndNoFileBehind(StopWay way, bool inMemory)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the process tree from /proc");
        var data = Path.Combine(_root, "data");
        using var parent = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using var server = Start(["--data-dir", data, "--exit-on-stdin-close", "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. (inMemory ? (string[])["--in-memory"] : [])]);
        var url = (await FirstLineAsync(server))["NemoVideo.LocalServer listening on ".Length..];
        var run = Directory.GetDirectories(data, "run-*").Single();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var tools = await StartLongRenderAsync(http, server.Id);
        var states = string.Join(",", tools.Select(pid => $"{ProcessTree.Name(pid)}:{ProcessTree.State(pid)}"));
        var clock = Stopwatch.StartNew();
        switch (way)
        {
            case StopWay.Sigterm:
                Kill(server.Id, 15);
                break;
            case StopWay.StandardInputClosed:
                server.StandardInput.Close();
                break;
            case StopWay.ParentEnded:
                parent.Kill();
                break;
        }

        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
        var stopped = clock.Elapsed;
        var left = tools.Where(ProcessTree.IsAlive).Select(pid => $"{pid} {ProcessTree.Name(pid)} {ProcessTree.State(pid)}").ToList();
        // Durable by default: the state folder keeps the database, the upload and the job (which the next start runs
        // again), and nothing else; --in-memory leaves nothing at all.
        var state = Path.Combine(data, "state");
        var kept = new[] { Path.Combine(state, "state.db"), Path.Combine(state, "state.db-wal"), Path.Combine(state, "state.db-shm"),
            Path.Combine(state, "server.lock") };
        var files = !Directory.Exists(data) ? []
            : inMemory ? Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).ToList()
            : Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
                .Where(file => !kept.Contains(file) && !file.StartsWith(Path.Combine(state, "media") + "/", StringComparison.Ordinal))
                .ToList();
        parent.Kill();

        Measure.Report($"{way} during a render{(inMemory ? " (--in-memory)" : string.Empty)} ({states}): server exited in {stopped.TotalSeconds:0.0} s with code {server.ExitCode}; "
            + $"processes left {left.Count}; files left {files.Count}");
        Assert.Empty(left);
        Assert.False(Directory.Exists(run), "The run folder was left: " + string.Join(", ", files));
        Assert.Empty(files);
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task AfterAServerIsKilledOutrightNoFfmpegRunsOnAndTheNextStartRemovesItsFiles()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the process tree from /proc");
        var data = Path.Combine(_root, "data");
        using var killed = Start(["--data-dir", data]);
        var url = (await FirstLineAsync(killed))["NemoVideo.LocalServer listening on ".Length..];
        var run = Directory.GetDirectories(data, "run-*").Single();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var tools = await StartLongRenderAsync(http, killed.Id);

        // SIGKILL: the one way of stopping the server that cannot clean up after itself. Its ffmpeg ends on the broken
        // progress pipe; any that did not is ended by the next start, which also removes the abandoned run folder.
        Kill(killed.Id, 9);
        await killed.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var orphans = tools.Count(ProcessTree.IsAlive);
        using var next = Start(["--data-dir", data]);
        await FirstLineAsync(next);
        var clock = Stopwatch.StartNew();
        while (tools.Any(ProcessTree.IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var left = tools.Count(ProcessTree.IsAlive);
        Kill(next.Id, 15);
        await next.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Measure.Report($"SIGKILL during a render: ffmpeg alive 0.3 s later {orphans}; after the next start: processes left {left}, "
            + $"killed run folder left {Directory.Exists(run)}");
        Assert.Equal(0, left);
        Assert.False(Directory.Exists(run));
    }

    /// <summary>Uploads the long clip, asks for a two-pass budget encode, and returns once ffmpeg runs for it.</summary>
    private static async Task<IReadOnlyList<int>> StartLongRenderAsync(HttpClient http, int serverId)
    {
        var ct = TestContext.Current.CancellationToken;
        http.DefaultRequestHeaders.Add("X-Client-Id", "lifetime-test");
        var issued = JsonNode.Parse(await (await http.PostAsync("/api/auth/anonymous-token", null, ct)).Content.ReadAsStringAsync(ct))!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["data"]!["token"]!.GetValue<string>());
        http.DefaultRequestHeaders.Add("X-Skill-Source", "tests");
        http.DefaultRequestHeaders.Add("X-Skill-Version", "0");
        http.DefaultRequestHeaders.Add("X-Skill-Platform", "tests");
        var session = JsonNode.Parse(await (await http.PostAsync("/api/tasks/me/with-session/nemo_agent",
            new StringContent("{}", Encoding.UTF8, "application/json"), ct)).Content.ReadAsStringAsync(ct))!["data"]!["session_id"]!.GetValue<string>();
        using (var content = new MultipartFormDataContent { { new StreamContent(File.OpenRead(await TestClips.LongAsync())), "files", "long.mp4" } })
        {
            (await http.PostAsync($"/api/upload-video/nemo_agent/me/{session}", content, ct)).EnsureSuccessStatusCode();
        }

        var draft = JsonNode.Parse(await http.GetStringAsync($"/api/state/nemo_agent/me/{session}/latest", ct))!["data"]!["state"]!["draft"]!;
        draft["m"]!["compression"] = new JsonObject { ["max_bytes"] = 3_000_000, ["quality"] = "high" };
        var body = new JsonObject { ["id"] = "render_long", ["sessionId"] = session, ["draft"] = draft.DeepClone(), ["output"] = new JsonObject { ["format"] = "mp4" } };
        (await http.PostAsync("/api/render/proxy/lambda", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct)).EnsureSuccessStatusCode();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var tools = ProcessTree.Descendants(serverId).Where(pid => ProcessTree.Name(pid) == "ffmpeg").ToList();
            if (tools.Count > 0)
            {
                return tools;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("ffmpeg never started for the render.");
    }

    private static Process Start(IEnumerable<string> arguments, (string Name, string Value)? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        return Process.Start(start)!;
    }

    private static async Task<string> FirstLineAsync(Process server) =>
        await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException("The server wrote nothing: " + await server.StandardError.ReadToEndAsync());

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
