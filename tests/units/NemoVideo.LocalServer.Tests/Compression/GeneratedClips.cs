using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// Test clips made once per test class with ffmpeg, in a temporary folder of their own that goes with the class. Each
/// fixture makes its clips in <see cref="GenerateAsync"/>; on a machine without ffmpeg (CI installs it) none are made
/// and every test that calls <see cref="RequireTools"/> skips with the reason.
/// </summary>
public abstract class GeneratedClips(string folderPrefix) : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory(folderPrefix).FullName;

    public FfmpegTools? Tools { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            Tools = FfmpegTools.Locate();
        }
        catch (CompressionException)
        {
            return;
        }

        await GenerateAsync();
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public FfmpegTools RequireTools()
    {
        Assert.SkipWhen(Tools is null, "ffmpeg/ffprobe are not installed (the CI script installs them).");
        return Tools!;
    }

    /// <summary>Runs the real engine with the test's cancellation token.</summary>
    public Task<CompressionResult> Compress(string input, string output, CompressionRequest request) =>
        new CompressionEngine(RequireTools()).CompressAsync(input, output, request, cancellationToken: TestContext.Current.CancellationToken);

    public Task<MediaInfo> Probe(string path) => new MediaProber(RequireTools()).ProbeAsync(path, TestContext.Current.CancellationToken);

    /// <summary>An empty folder of the test's own for outputs.</summary>
    public string NewOutputFolder() => System.IO.Directory.CreateDirectory(Path.Combine(Directory, "out-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A path named <paramref name="name"/> in an empty folder of the test's own.</summary>
    public string NewOutput(string name) => Path.Combine(NewOutputFolder(), name);

    /// <summary>
    /// An engine whose ffmpeg is the shell script <paramref name="body"/> (written to a folder of the test's own), with the
    /// real ffmpeg's path in <c>$FFMPEG</c>: a wrapper that changes or records a run ends with <c>exec "$FFMPEG" "$@"</c>.
    /// ffprobe is the real one.
    /// </summary>
    public async Task<CompressionEngine> EngineWithFfmpegScript(string body)
    {
        var tools = RequireTools();
        return new CompressionEngine(FfmpegTools.Locate(await Script("ffmpeg", $"FFMPEG='{tools.FfmpegPath}'\n{body}"), tools.FfprobePath));
    }

    /// <summary>An engine whose ffmpeg appends each run's arguments (one line per run, between spaces) to a log, then runs
    /// the real one; the log's path.</summary>
    public async Task<(CompressionEngine Engine, string Log)> EngineRecordingFfmpeg()
    {
        var log = NewOutput("ffmpeg-commands.log");
        await File.WriteAllTextAsync(log, string.Empty, TestContext.Current.CancellationToken);
        return (await EngineWithFfmpegScript(RecordTo(log) + "exec \"$FFMPEG\" \"$@\""), log);
    }

    /// <summary>As <see cref="EngineRecordingFfmpeg"/>, for ffprobe (ffmpeg is the real one).</summary>
    public async Task<(CompressionEngine Engine, string Log)> EngineRecordingFfprobe()
    {
        var (tools, log) = await FfprobeRecording();
        return (new CompressionEngine(tools), log);
    }

    /// <summary>Tools whose ffprobe appends each run's arguments to a log, then runs the real one; ffmpeg is the real one.</summary>
    public async Task<(FfmpegTools Tools, string Log)> FfprobeRecording()
    {
        var tools = RequireTools();
        var log = NewOutput("ffprobe-commands.log");
        await File.WriteAllTextAsync(log, string.Empty, TestContext.Current.CancellationToken);
        var script = await Script("ffprobe", RecordTo(log) + $"exec '{tools.FfprobePath}' \"$@\"");
        return (FfmpegTools.Locate(tools.FfmpegPath, script), log);
    }

    private static string RecordTo(string log) => $"echo \" $* \" >> '{log}'\n";

    /// <summary>An executable shell script named <paramref name="name"/> in a folder of the test's own.</summary>
    private async Task<string> Script(string name, string body)
    {
        var script = Path.Combine(NewOutputFolder(), name);
        await File.WriteAllTextAsync(script, $"#!/bin/sh\n{body}\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>A shell command for <see cref="EngineWithFfmpegScript"/>: runs the real ffmpeg, then appends
    /// <paramref name="bytes"/> zero bytes to its output (the last argument), so that encode lands over any ceiling up to
    /// that size. Ends the script.</summary>
    public static string RunThenPadOutput(long bytes) =>
        $"\"$FFMPEG\" \"$@\" || exit $?; for last; do :; done; head -c {bytes} /dev/zero >> \"$last\"; exit 0";

    /// <summary>Makes the fixture's clips; <see cref="Tools"/> is set.</summary>
    protected abstract Task GenerateAsync();

    protected string Clip(string name) => Path.Combine(Directory, name);

    /// <summary>Runs ffmpeg quietly, overwriting; a failure names the file it was making (the last argument).</summary>
    protected async Task Ffmpeg(IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        var outcome = await ToolProcess.RunAsync(Tools!.FfmpegPath, ["-hide_banner", "-nostdin", "-y", "-v", "error", .. list],
            onOutputLine: null, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Generating the test file {Path.GetFileName(list[^1])} failed: " + outcome.StandardErrorTail);
        }
    }
}
