using System.Diagnostics;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.EndToEnd;

/// <summary>
/// Handlers against the real local server, the real client and real ffmpeg, where a fake host makes the case simple
/// (pressing Ctrl+C at an exact progress step). The cmdlet chain itself, Compress and Disconnect are proven in real
/// runspaces by NemoVideo.Module.Runspace.Tests.
/// </summary>
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
    public async Task A_missing_server_is_a_clear_error()
    {
        var launcher = new Module.LocalServer.LocalServerLauncher(directory.Combine("server", "NemoVideo.LocalServer.dll"));

        var failure = await Assert.ThrowsAsync<NemoVideo.Client.NemoException>(() => launcher.StartAsync(null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.LocalServer.NotFound", failure.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.NotInstalled, ErrorMapper.FromException(failure, null).Category);
    }

    /// <summary>Presses Ctrl+C (cancels) the first time a matching progress record is shown.</summary>
    private sealed class StoppingHost(string directory, CancellationTokenSource cancellation, Func<ProgressInfo, bool> when) : ICommandHost
    {
        private readonly FakeCommandHost inner = new(directory);

        public IReadOnlyList<CommandError> Errors => inner.Errors;

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

        public IReadOnlyList<string> ResolvePath(string path, bool literal) => inner.ResolvePath(path, literal);

        public string GetUnresolvedPath(string path) => inner.GetUnresolvedPath(path);
    }
}
