using System.Diagnostics;
using System.Security.Cryptography;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.EndToEnd;

/// <summary>The handler chain against the real local server, the real client and real ffmpeg.</summary>
public sealed class LocalServerEndToEndTests : IDisposable
{
    private readonly TestDirectory directory = new();
    private readonly FakeConnectionScope scope = new();
    private readonly FakeCommandHost host;

    public LocalServerEndToEndTests()
    {
        host = new FakeCommandHost(directory.Path);
    }

    public void Dispose()
    {
        scope.Current?.Close();
        directory.Dispose();
    }

    [Fact]
    public async Task Compress_the_main_job_makes_a_smaller_valid_video_and_a_rerun_skips_it()
    {
        RealServer.SkipUnlessFfmpeg();
        var clip = RealServer.MakeClip(directory.Combine("videos", "sample.mp4"));
        var sourceHash = Hash(clip);
        var sourceSize = new FileInfo(clip).Length;
        var connection = await RealServer.ConnectLocalAsync(host, scope, directory.Combine("server-data"));
        var maxSize = sourceSize / 3;

        var request = new CompressRequest([new PathArgument("videos/*.mp4", false)], maxSize, "small", null, false, false, CompressRequest.DefaultThrottleLimit, "en");
        await new CompressHandler(connection, request, TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);

        Assert.Empty(host.Errors);
        var result = Assert.Single(host.ObjectsOf<NemoCompressionResult>());
        Assert.Equal(CompressionStatus.Compressed, result.Status);
        Assert.Equal(directory.Combine("small", "sample.mp4"), result.Output);
        Assert.Equal(new FileInfo(result.Output).Length, result.OutputSize);
        Assert.InRange(result.OutputSize!.Value, 1, maxSize);
        Assert.True(result.Ratio < 0.34);
        Assert.Equal("h264", RealServer.Probe(result.Output, "stream=codec_name").Split('\n')[0]);
        Assert.Equal(sourceHash, Hash(clip));
        Assert.Equal(["sample.mp4"], Directory.GetFiles(directory.Combine("small")).Select(Path.GetFileName));

        var rerun = new FakeCommandHost(directory.Path);
        await new CompressHandler(connection, request, TimeProvider.System).ExecuteAsync(rerun, TestContext.Current.CancellationToken);
        Assert.Equal(CompressionStatus.Skipped, Assert.Single(rerun.ObjectsOf<NemoCompressionResult>()).Status);
    }

    [Fact]
    public async Task Send_Instruction_State_Export_and_Credit_chain_over_loopback()
    {
        RealServer.SkipUnlessFfmpeg();
        RealServer.MakeClip(directory.Combine("clip.mp4"), seconds: 3);
        var connection = await RealServer.ConnectLocalAsync(host, scope, directory.Combine("server-data"));
        Assert.True(connection.IsLocal);
        Assert.NotNull(connection.BrowserLink);
        var resolver = new Module.Connections.ConnectionResolver(scope, null);

        await new SendHandler(resolver.For(null), [new PathArgument("clip.mp4", true)], [], TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);
        var media = Assert.Single(host.ObjectsOf<NemoUploadedMedia>());
        Assert.Equal(connection.SessionId, media.SessionId);

        await new InstructionHandler(resolver, "scale it to 480p and remove the audio", [media.SessionId], TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);
        var instruction = Assert.Single(host.ObjectsOf<NemoInstructionResult>());
        Assert.Equal(media.SessionId, instruction.SessionId);

        await new StateHandler(resolver, [instruction.SessionId], raw: false).ExecuteAsync(host, TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(host.ObjectsOf<NemoTimeline>()).IsExportable);

        await new ExportHandler(resolver, [new ExportItem(instruction.SessionId, null)], new ExportRequest(null, "out/final.mp4", false, false), TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);
        var exported = Assert.Single(host.ObjectsOf<NemoExportedFile>());
        Assert.Equal(directory.Combine("out", "final.mp4"), exported.FullName);
        Assert.Equal(new FileInfo(exported.FullName).Length, exported.Length);
        Assert.Equal("480", RealServer.Probe(exported.FullName, "stream=height"));
        Assert.Empty(host.Errors);

        // $job = Export-NemoVideo -NoWait; $job | Export-NemoVideo -OutFile out/resumed.mp4
        await new ExportHandler(resolver, [new ExportItem(instruction.SessionId, null)], new ExportRequest(null, null, NoWait: true, false), TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);
        var job = Assert.Single(host.ObjectsOf<NemoRenderJob>());
        await new ExportHandler(resolver, [new ExportItem(job.SessionId, job.RenderId)], new ExportRequest(null, "out/resumed.mp4", false, false), TimeProvider.System).ExecuteAsync(host, TestContext.Current.CancellationToken);
        var resumed = host.ObjectsOf<NemoExportedFile>().Last();
        Assert.Equal(job.RenderId, resumed.RenderId);
        Assert.Equal(directory.Combine("out", "resumed.mp4"), resumed.FullName);
        Assert.Equal("h264", RealServer.Probe(resumed.FullName, "stream=codec_name").Split('\n')[0]);
        Assert.Empty(host.Errors);

        await new CreditHandler(resolver).ExecuteAsync(host, TestContext.Current.CancellationToken);
        Assert.Single(host.ObjectsOf<NemoVideo.Client.NemoCredit>());
    }

    [Fact]
    public async Task Stopping_during_the_render_stops_polling_and_leaves_no_file()
    {
        RealServer.SkipUnlessFfmpeg();
        RealServer.MakeClip(directory.Combine("videos", "a.mp4"), seconds: 2);
        var connection = await RealServer.ConnectLocalAsync(host, scope, directory.Combine("server-data"), "--fault", "slow-render:count=5", "--slow-render", "30");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stopping = new StoppingHost(directory.Path, cancellation, record => record.StatusDescription.StartsWith("Rendering"));
        var stopwatch = Stopwatch.StartNew();

        var request = new CompressRequest([new PathArgument("videos/a.mp4", true)], 100_000, "small", null, false, false, 1, "en");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CompressHandler(connection, request, TimeProvider.System).ExecuteAsync(stopping, cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(25), $"the render's 30 s delay was waited out ({stopwatch.Elapsed})");
        // Only the journal stays, for the rerun to continue from; no video, no partial file.
        Assert.All(Directory.GetFileSystemEntries(directory.Combine("small")), file => Assert.StartsWith(".nemovideo-journal.", Path.GetFileName(file)));
        Assert.Empty(stopping.Errors);
    }

    [Fact]
    public async Task Disconnect_stops_the_local_server_process()
    {
        RealServer.SkipUnlessFfmpeg();
        var connection = await RealServer.ConnectLocalAsync(host, scope, directory.Combine("server-data"));
        var server = Assert.IsType<Module.LocalServer.LocalServerProcess>(connection.LocalServer);
        using var process = Process.GetProcessById(server.ProcessId);

        await new DisconnectHandler(scope, null, passThru: false).ExecuteAsync(host, TestContext.Current.CancellationToken);

        Assert.True(process.WaitForExit(10_000));
        Assert.Null(scope.Current);
    }

    [Fact]
    public async Task A_missing_server_is_a_clear_error()
    {
        var launcher = new Module.LocalServer.LocalServerLauncher(directory.Combine("server", "NemoVideo.LocalServer.dll"));

        var failure = await Assert.ThrowsAsync<NemoVideo.Client.NemoException>(() => launcher.StartAsync(null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.LocalServer.NotFound", failure.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.NotInstalled, ErrorMapper.FromException(failure, null).Category);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Presses Ctrl+C (cancels) the first time a matching progress record is shown.</summary>
    private sealed class StoppingHost(string directory, CancellationTokenSource cancellation, Func<ProgressInfo, bool> when) : ICommandHost
    {
        private readonly FakeCommandHost inner = new(directory);

        public IReadOnlyList<CommandError> Errors => inner.Errors;

        public bool IsInteractive => false;

        public void WriteProgress(ProgressInfo progress)
        {
            inner.WriteProgress(progress);
            if (when(progress))
            {
                cancellation.Cancel();
            }
        }

        public void WriteObject(object value) => inner.WriteObject(value);

        public void WriteError(CommandError error) => inner.WriteError(error);

        public void WriteVerbose(string text) => inner.WriteVerbose(text);

        public void WriteDebug(string text) => inner.WriteDebug(text);

        public void WriteWarning(string text) => inner.WriteWarning(text);

        public void WriteInformation(string text, params string[] tags) => inner.WriteInformation(text, tags);

        public bool ShouldProcess(string target, string action) => inner.ShouldProcess(target, action);

        public bool ShouldContinue(string query, string caption) => inner.ShouldContinue(query, caption);

        public IReadOnlyList<string> ResolvePath(string path, bool literal) => inner.ResolvePath(path, literal);

        public string GetUnresolvedPath(string path) => inner.GetUnresolvedPath(path);
    }
}
