using System.Globalization;
using System.Text.RegularExpressions;
using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

[Collection(CompressionCollection.Name)]
public sealed class OutputHandlingTests(ClipFixture clips)
{
    [Fact]
    public async Task A_file_that_is_not_media_is_reported_as_NotMedia()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var folder = clips.NewOutputFolder();
        var fake = Path.Combine(folder, "notes.mp4");
        await File.WriteAllTextAsync(fake, "these are meeting notes, not a video", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CompressionException>(() => engine.CompressAsync(fake, Path.Combine(folder, "out.mp4"),
            new CompressionRequest(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(CompressionFailure.NotMedia, error.Kind);
        Assert.Equal(fake, error.Target);
        Assert.False(File.Exists(Path.Combine(folder, "out.mp4")));
    }

    /// <summary>The output named through a link to the source's folder is the source: refused, with overwrite allowed too.</summary>
    [Fact]
    public async Task An_output_through_a_link_to_the_sources_folder_is_refused_and_the_source_is_untouched()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var folder = clips.NewOutputFolder();
        var source = Path.Combine(folder, "videos", "clip.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.Copy(clips.Surround, source);
        var before = await File.ReadAllBytesAsync(source, TestContext.Current.CancellationToken);
        Directory.CreateSymbolicLink(Path.Combine(folder, "link"), "videos");

        var error = await Assert.ThrowsAsync<CompressionException>(() => engine.CompressAsync(source, Path.Combine(folder, "link", "clip.mp4"),
            new CompressionRequest { MaxBytes = 100_000, Overwrite = true }, null, TestContext.Current.CancellationToken));

        Assert.Equal((CompressionFailure.InvalidRequest, Path.Combine(folder, "link", "clip.mp4")), (error.Kind, error.Target));
        Assert.Contains("is the source itself", error.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(source, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProbeStreams_lists_every_stream_and_nothing_for_a_file_that_is_not_media()
    {
        var prober = new MediaProber(clips.RequireTools());
        var fake = Path.Combine(clips.NewOutputFolder(), "notes.wav");
        await File.WriteAllTextAsync(fake, "these are meeting notes, not audio", TestContext.Current.CancellationToken);

        var streams = await prober.ProbeStreamsAsync(clips.Surround, TestContext.Current.CancellationToken);
        var nothing = await prober.ProbeStreamsAsync(fake, TestContext.Current.CancellationToken);

        var video = Assert.Single(streams, stream => stream.Kind == "video");
        var audio = Assert.Single(streams, stream => stream.Kind == "audio");
        Assert.True(video.Width > 0 && video.Height > 0);
        Assert.True(audio.DurationSeconds > 0);
        Assert.Empty(nothing);
    }

    /// <summary>
    /// Cancelled while ffmpeg runs (as soon as the engine's first ffmpeg has started: a wrapper starts the real one and
    /// records its process id), the engine kills that ffmpeg before it finishes and removes what the compression wrote:
    /// nothing is left in the output's folder, and the pass-statistics folder is gone.
    /// </summary>
    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_leaves_no_file_behind()
    {
        var runs = clips.NewOutput("ffmpeg-runs.log");
        await File.WriteAllTextAsync(runs, string.Empty, TestContext.Current.CancellationToken);
        var engine = await clips.EngineWithFfmpegScript(
            $"\"$FFMPEG\" \"$@\" &\necho \"$! $*\" >> '{runs}'\nwait $!\nstatus=$?\necho \"exited $status\" >> '{runs}'\nexit $status");
        var folder = clips.NewOutputFolder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var compressing = engine.CompressAsync(clips.Noise, Path.Combine(folder, "out.mp4"), new CompressionRequest { SizeFraction = 0.3 },
            progress: null, cancellation.Token);
        var (processId, arguments) = await FirstFfmpegRunning(runs, compressing);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compressing);
        Assert.True(await HasStopped(processId), $"ffmpeg (process {processId}) is still running");
        Assert.DoesNotContain("exited 0", await File.ReadAllTextAsync(runs, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        if (Regex.Match(arguments, @" -passlogfile (\S+)") is { Success: true } statistics)
        {
            Assert.False(Directory.Exists(Path.GetDirectoryName(statistics.Groups[1].Value)), "the pass-statistics folder is left");
        }
    }

    /// <summary>The process id and arguments of the first run <paramref name="runs"/> logged, once that process is the real
    /// ffmpeg (its command line names it, not the shell it was forked from).</summary>
    private async Task<(int ProcessId, string Arguments)> FirstFfmpegRunning(string runs, Task compressing)
    {
        var ffmpeg = clips.RequireTools().FfmpegPath + "\0";
        while (!compressing.IsCompleted)
        {
            if (File.ReadLines(runs).FirstOrDefault() is { } line && line.Split(' ', 2) is [var id, var arguments]
                && CommandLine(id)?.StartsWith(ffmpeg, StringComparison.Ordinal) == true)
            {
                return (int.Parse(id, CultureInfo.InvariantCulture), arguments);
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await compressing;
        throw new Xunit.Sdk.XunitException("The compression ended before its first ffmpeg run was seen.");
    }

    /// <summary>Whether the process is gone or dead (a zombie: its parent, the wrapper's shell, was killed with it and
    /// the orphan waits to be reaped). SIGKILL takes effect within milliseconds; an ffmpeg left running would run on
    /// through the rest of its pass, longer than this waits.</summary>
    private static async Task<bool> HasStopped(int processId)
    {
        for (var poll = 0; poll < 100; poll++)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{processId}/stat", TestContext.Current.CancellationToken);
            }
            catch (IOException)
            {
                return true;
            }

            // "pid (comm) state ...": the state follows the last closing parenthesis.
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static string? CommandLine(string processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Progress_rises_steadily_and_ends_at_one()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var seen = new List<double>();

        await engine.CompressAsync(clips.Noise, Path.Combine(clips.NewOutputFolder(), "out.mp4"), new CompressionRequest { SizeFraction = 0.3 },
            new SynchronousProgress(seen.Add), TestContext.Current.CancellationToken);

        Assert.True(seen.Count > 3, "several progress reports over two passes");
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(1.0, seen[^1]);
    }

    /// <summary>The resolution trial reported nothing: the bar sat at 0 through its seconds (several on a long 1080p clip).
    /// Its steps now fill the first tenth.</summary>
    [Fact]
    public async Task A_resolution_trial_moves_the_progress_bar_before_the_encodes()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var seen = new List<double>();

        var result = await engine.CompressAsync(clips.Noise, Path.Combine(clips.NewOutputFolder(), "out.mp4"),
            new CompressionRequest { MaxBytes = new FileInfo(clips.Noise).Length / 100 }, new SynchronousProgress(seen.Add),
            TestContext.Current.CancellationToken);

        Assert.Contains(result.Notes, note => note.StartsWith("Resolution", StringComparison.Ordinal));
        Assert.Equal([0.02, 0.045, 0.07, 0.1], seen.Where(fraction => fraction <= 0.1 + 1e-9).Select(fraction => Math.Round(fraction, 6)));
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(1.0, seen[^1]);
    }

    [Fact]
    public async Task An_existing_output_is_kept_unless_overwrite_is_asked()
    {
        var engine = new CompressionEngine(clips.RequireTools());
        var output = Path.Combine(clips.NewOutputFolder(), "exists.mp4");
        await File.WriteAllTextAsync(output, "keep me", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CompressionException>(() => engine.CompressAsync(clips.Tiny, output, new CompressionRequest(),
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(CompressionFailure.OutputExists, error.Kind);
        Assert.Equal("keep me", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));

        var result = await engine.CompressAsync(clips.Tiny, output, new CompressionRequest { Overwrite = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new FileInfo(output).Length, result.Bytes);
    }

    [Fact]
    public async Task The_source_itself_is_never_the_output()
    {
        var engine = new CompressionEngine(clips.RequireTools());

        var error = await Assert.ThrowsAsync<CompressionException>(() => engine.CompressAsync(clips.Tiny, clips.Tiny,
            new CompressionRequest { Overwrite = true }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(CompressionFailure.InvalidRequest, error.Kind);
    }

    [Fact]
    public void A_configured_ffmpeg_path_that_does_not_exist_is_ToolMissing()
    {
        var error = Assert.Throws<CompressionException>(() => FfmpegTools.Locate(ffmpegPath: "/nonexistent/ffmpeg"));

        Assert.Equal(CompressionFailure.ToolMissing, error.Kind);
        Assert.Equal("/nonexistent/ffmpeg", error.Target);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need reports in order and before the call returns.</summary>
    private sealed class SynchronousProgress(Action<double> onReport) : IProgress<double>
    {
        public void Report(double value) => onReport(value);
    }
}
