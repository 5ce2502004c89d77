using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>What the engine asks ffprobe, counted through a wrapper that records each run: every ffprobe run costs
/// 0.12–0.16 s before it reads anything, so a check that cannot find anything is waste on every compression.</summary>
[Collection(CompressionCollection.Name)]
public sealed class ProbeWorkTests(ClipFixture clips)
{
    /// <summary>The source is checked for a recording cut off before its header's end; the output ffmpeg just wrote and
    /// exited 0 on is whole, and was checked the same way until now (a seek near its end and a packet read).</summary>
    [Fact]
    public async Task The_written_output_is_read_once_and_not_checked_for_a_cut_off_tail()
    {
        var (engine, log) = await clips.EngineRecordingFfprobe();
        var output = clips.NewOutput("out.mp4");

        await engine.CompressAsync(clips.Noise, output, new CompressionRequest { SizeFraction = 0.5 },
            cancellationToken: TestContext.Current.CancellationToken);

        var commands = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        Assert.Contains(commands, command => command.Contains(" -read_intervals ", StringComparison.Ordinal)
            && command.Contains(clips.Noise, StringComparison.Ordinal));
        var ofOutput = commands.Where(command => command.Contains(".out.mp4.", StringComparison.Ordinal)).ToList();
        Assert.True(ofOutput.Count == 1 && ofOutput[0].Contains(" -show_format ", StringComparison.Ordinal), string.Join("\n", ofOutput));
    }
}
