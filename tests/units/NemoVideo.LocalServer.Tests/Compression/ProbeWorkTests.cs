using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>What the engine asks ffprobe, counted through a wrapper that records each run: every ffprobe run costs
/// 0.12–0.16 s before it reads anything, so a check that cannot find anything is waste on every compression.</summary>
[Collection(CompressionCollection.Name)]
public sealed class ProbeWorkTests(ClipFixture clips)
{
    /// <summary>The output ffmpeg just wrote and exited 0 on is whole, and was checked for a recording cut off before its
    /// header's end until now (a seek near its end and a packet read). So is a source whose index follows its media
    /// (ffmpeg's, a camera's or a phone's usual MP4): cut anywhere, it would have no index and not be readable.</summary>
    [Fact]
    public async Task A_finished_mp4_source_and_the_written_output_are_read_once_each_and_not_checked_for_a_cut_off_tail()
    {
        var (engine, log) = await clips.EngineRecordingFfprobe();
        var output = clips.NewOutput("out.mp4");

        await engine.CompressAsync(clips.Noise, output, new CompressionRequest { SizeFraction = 0.5 },
            cancellationToken: TestContext.Current.CancellationToken);

        var commands = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        var ofSource = commands.Where(command => command.Contains(clips.Noise, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(ofSource, command => command.Contains(" -read_intervals ", StringComparison.Ordinal));
        Assert.Single(ofSource, command => command.Contains(" -show_format ", StringComparison.Ordinal));
        var ofOutput = commands.Where(command => command.Contains(".out.mp4.", StringComparison.Ordinal)).ToList();
        Assert.True(ofOutput.Count == 1 && ofOutput[0].Contains(" -show_format ", StringComparison.Ordinal), string.Join("\n", ofOutput));
    }

    /// <summary>An MP4 with its index first (faststart) can be cut off and still read: its tail is checked.</summary>
    [Fact]
    public async Task A_faststart_source_is_checked_for_a_cut_off_tail()
    {
        var (tools, log) = await clips.FfprobeRecording();
        var faststart = clips.NewOutput("faststart.mp4");
        var outcome = await ToolProcess.RunAsync(tools.FfmpegPath, ["-v", "error", "-nostdin", "-i", clips.Noise, "-c", "copy", "-movflags", "+faststart", faststart],
            onOutputLine: null, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.StandardErrorTail);

        await new MediaProber(tools).ProbeAsync(faststart, TestContext.Current.CancellationToken);

        Assert.Contains(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken),
            command => command.Contains(" -read_intervals ", StringComparison.Ordinal) && command.Contains(faststart, StringComparison.Ordinal));
    }
}
