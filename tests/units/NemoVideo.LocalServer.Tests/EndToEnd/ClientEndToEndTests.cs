using NemoVideo.Client;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.EndToEnd;

/// <summary>
/// Issue 3's end-to-end test: our client library, which knows only the published contract, against the real server on
/// loopback with real ffmpeg: token → session → upload → "compress this video to under 2MB" → export → download.
/// </summary>
public class ClientEndToEndTests
{
    [Fact]
    public async Task TheClientCompressesAVideoToUnder2MBThroughTheLocalServer()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var source = await TestClips.LargeAsync();
        Assert.True(new FileInfo(source).Length > 2_000_000, "The source must be larger than the ceiling.");
        await using var server = await TestServer.StartAsync();
        var workFolder = Path.Combine(server.Options.DataDirectory, "client");
        using var client = NewClient(server, workFolder);

        var session = await client.CreateSessionAsync("en", cancellationToken);
        var uploaded = await client.UploadFileAsync(session, source, progress: null, cancellationToken);
        var reply = await client.SendInstructionAsync(session, "compress this video to under 2MB", progress: null, cancellationToken);
        var state = await client.GetStateAsync(session, cancellationToken);
        var job = await client.SubmitRenderAsync(session, state.Draft!, cancellationToken);
        var renderProgress = new RecordingProgress<RenderProgress>();
        var finished = await client.WaitForRenderAsync(session, job, renderProgress, cancellationToken);
        var download = await client.DownloadAsync(finished, Path.Combine(workFolder, "compressed.mp4"), overwrite: false, progress: null,
            cancellationToken);

        Assert.Single(uploaded);
        Assert.Contains("2,000,000 bytes", reply.Reply);
        Assert.Contains(reply.ToolCalls, call => call.Name == "set_compression");
        Assert.True(state.Draft!.IsExportable);
        Assert.Equal(RenderStatus.Completed, finished.Status);
        var fractions = renderProgress.Reports.Select(report => report.Fraction).ToList();
        Assert.All(fractions, fraction => Assert.InRange(fraction, 0, 1));
        Assert.Equal(fractions.Order(), fractions);
        Assert.Contains(fractions, fraction => fraction is > 0 and < 1);
        var probe = await Ffprobe.ProbeAsync(download.Path);
        var video = probe.Streams("video").Single();
        Assert.Equal("h264", video["codec_name"]!.GetValue<string>());
        Assert.Contains("mp4", probe["format"]!["format_name"]!.GetValue<string>());
        Assert.Equal(download.Length, new FileInfo(download.Path).Length);
        Assert.InRange(download.Length, 1, 2_000_000);
        Assert.InRange(probe.DurationSeconds(), 4.5, 5.5);
    }

    /// <summary>
    /// A reviewer killed the server's ffmpeg mid-render: the job failed as not transient, so the client called it a
    /// refusal a resubmission "would not change", with a message naming the server's own folders. A signal on the server
    /// is someone else's (an operator, a container stopping): the client resubmits once and the export completes.
    /// </summary>
    [Fact]
    public async Task AnEncoderStoppedByASignalOnTheServerIsResubmittedOnceAndTheExportCompletes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var source = await TestClips.LargeAsync();
        await using var server = await TestServer.StartAsync();
        var workFolder = Path.Combine(server.Options.DataDirectory, "client");
        using var client = NewClient(server, workFolder);
        var session = await client.CreateSessionAsync("en", cancellationToken);
        await client.UploadFileAsync(session, source, progress: null, cancellationToken);
        await client.SendInstructionAsync(session, "compress this video to under 2MB", progress: null, cancellationToken);
        var state = await client.GetStateAsync(session, cancellationToken);

        var job = await client.SubmitRenderAsync(session, state.Draft!, cancellationToken);
        var signalled = EncoderSignal.TerminateOnceWritingAsync(Path.Combine(server.Options.RunDirectory, "staging"), cancellationToken);
        var finished = await client.WaitForRenderAsync(session, job, progress: null, cancellationToken);
        await signalled;
        var first = await client.GetRenderAsync(session, job.Id, cancellationToken);
        var download = await client.DownloadAsync(finished, Path.Combine(workFolder, "compressed.mp4"), overwrite: false, progress: null,
            cancellationToken);

        Assert.Equal((RenderStatus.Failed, true, "Nemo.Compression.Interrupted"), (first.Status, first.Transient, first.ErrorId));
        Assert.Contains("stopped by a signal", first.Error);
        Assert.Contains(Path.GetFileName(source), first.Error);
        Assert.DoesNotContain(server.Options.DataDirectory, first.Error);
        Assert.DoesNotContain(server.Options.RunDirectory, first.Error);
        Assert.Equal((RenderStatus.Completed, 2), (finished.Status, finished.Attempt));
        Assert.InRange(download.Length, 1, 2_000_000);
    }

    private static NemoClient NewClient(TestServer server, string workFolder) => new(new NemoClientOptions
    {
        ApiBaseUrl = server.Url,
        WebBaseUrl = new Uri("http://127.0.0.1:9/"),
        ClientId = Guid.NewGuid().ToString(),
        ConfigDirectory = Path.Combine(workFolder, "config"),
        RenderPollInitialDelay = TimeSpan.FromMilliseconds(200),
        RenderPollMaxDelay = TimeSpan.FromSeconds(1),
    });

    /// <summary>Records reports as they come (Progress&lt;T&gt; would post them later, out of order).</summary>
    private sealed class RecordingProgress<T> : IProgress<T>
    {
        private readonly List<T> _reports = [];

        public IReadOnlyList<T> Reports
        {
            get { lock (_reports) { return _reports.ToArray(); } }
        }

        public void Report(T value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
