using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>A size-capped encode decides from the probe whether a stream copy is the output; it never writes a copy
/// of a source that cannot fit just to find that out. ffmpeg runs through a wrapper that records each command.</summary>
[Collection(CompressionCollection.Name)]
public sealed class CopyDecisionTests(ClipFixture clips)
{
    [Fact]
    public async Task A_source_over_the_ceiling_is_never_copied_first_to_learn_that_it_does_not_fit()
    {
        var (engine, log) = await clips.EngineRecordingFfmpeg();
        var output = Path.Combine(clips.NewOutputFolder(), "small.mp4");
        var ceiling = new FileInfo(clips.Noise).Length / 5;

        var result = await engine.CompressAsync(clips.Noise, output, new CompressionRequest { MaxBytes = ceiling },
            cancellationToken: TestContext.Current.CancellationToken);

        var commands = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        Assert.InRange(result.Bytes, 1, ceiling);
        Assert.DoesNotContain(commands, IsStreamCopy);
        // Nothing but the encodes: one per candidate output, besides a first pass (statistics only, to the null muxer) and a
        // resolution trial's sample encodes (trial-*.mkv).
        Assert.Equal(result.FinalPassRuns, commands.Count(command => command.Contains(" -b:v ", StringComparison.Ordinal)
            && !command.Contains("trial-", StringComparison.Ordinal) && !command.Contains(" -f null ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_source_whose_kept_streams_fit_is_copied_once_even_when_a_dropped_stream_makes_the_file_too_big()
    {
        var tools = clips.RequireTools();
        var folder = clips.NewOutputFolder();
        // The picture and its first (default) sound are small; a second, lossless noise track makes the file ten times larger.
        var source = Path.Combine(folder, "extra-track.mp4");
        var made = await ToolProcess.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", clips.Tiny, "-f", "lavfi", "-t", "2", "-i", "anoisesrc=sample_rate=48000:amplitude=0.5",
                "-map", "0:v", "-map", "0:a", "-map", "1:a", "-c", "copy", "-c:a:1", "alac", source],
            null, TestContext.Current.CancellationToken);
        Assert.True(made.Succeeded, made.StandardErrorTail);
        var keptBytes = new FileInfo(clips.Tiny).Length;
        Assert.True(new FileInfo(source).Length > keptBytes * 4, "the extra track should dominate the file");
        var (engine, log) = await clips.EngineRecordingFfmpeg();
        var output = Path.Combine(folder, "copied.mp4");

        var result = await engine.CompressAsync(source, output, new CompressionRequest { MaxBytes = keptBytes * 2 },
            cancellationToken: TestContext.Current.CancellationToken);

        var commands = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        Assert.Equal(CompressionStrategy.Remux, result.Strategy);
        Assert.InRange(result.Bytes, 1, keptBytes * 2);
        Assert.Single(commands);
        Assert.True(IsStreamCopy(commands[0]), commands[0]);
    }

    private static bool IsStreamCopy(string command) => command.Contains(" -c copy ", StringComparison.Ordinal);
}
