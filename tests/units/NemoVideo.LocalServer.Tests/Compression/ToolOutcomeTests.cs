using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>How an ffmpeg run's end is read: which signals are someone stopping it, which are a crash, and the words for
/// each. Exit codes as .NET reports a process ended by signal N on Linux (128 + N), and ffmpeg's own exit after it caught one.</summary>
public sealed class ToolOutcomeTests
{
    [Theory]
    [InlineData(129, "SIGHUP, signal 1")]
    [InlineData(130, "SIGINT, signal 2")]
    [InlineData(137, "SIGKILL, signal 9")]
    [InlineData(143, "SIGTERM, signal 15")]
    public void A_process_killed_by_a_stopping_signal_is_interrupted_and_the_signal_is_named(int exitCode, string name)
    {
        var outcome = new ToolOutcome(exitCode, string.Empty, string.Empty);

        var error = CompressionException.FromRun(outcome, "while compressing 'a.mp4' to 'b.mp4'", outcome.StandardErrorTail, "a.mp4");

        Assert.True(outcome.Interrupted);
        Assert.Equal(CompressionFailure.Interrupted, error.Kind);
        Assert.Contains($"ffmpeg was stopped by a signal from outside ({name}) while compressing 'a.mp4' to 'b.mp4'", error.Message);
    }

    [Fact]
    public void Ffmpeg_that_caught_a_signal_and_said_so_is_interrupted_by_that_signal()
    {
        var outcome = new ToolOutcome(255, string.Empty, "Exiting normally, received signal 15.");

        Assert.True(outcome.Interrupted);
        Assert.Equal("SIGTERM, signal 15", outcome.SignalName);
    }

    /// <summary>A reviewer saw "stopped by a signal from outside" with no signal for a SIGTERM at ffmpeg's <c>-v error</c>:
    /// measured with ffmpeg 5.1, SIGINT, SIGTERM and SIGXCPU end it with 255 and no words, SIGHUP with 129.</summary>
    [Theory]
    [InlineData(255)]
    [InlineData(123)]
    public void Ffmpeg_that_caught_a_signal_silently_is_interrupted_by_one_of_the_two_it_catches(int exitCode)
    {
        var outcome = new ToolOutcome(exitCode, string.Empty, string.Empty);

        var error = CompressionException.FromRun(outcome, "while compressing 'a.mp4' to 'b.mp4'", outcome.StandardErrorTail, "a.mp4");

        Assert.Null(outcome.Signal);
        Assert.Equal(CompressionFailure.Interrupted, error.Kind);
        Assert.Contains("ffmpeg was stopped by a signal from outside (SIGINT or SIGTERM, caught by ffmpeg) while compressing", error.Message);
        Assert.Equal("SIGINT or SIGTERM, caught by ffmpeg", error.Signal);
    }

    [Theory]
    [InlineData(134, "SIGABRT, signal 6")]
    [InlineData(139, "SIGSEGV, signal 11")]
    [InlineData(159, "signal 31")]
    public void A_crash_is_an_encoder_failure_that_names_its_signal(int exitCode, string name)
    {
        var outcome = new ToolOutcome(exitCode, string.Empty, "last words");

        var error = CompressionException.FromRun(outcome, "while compressing 'a.mp4' to 'b.mp4'", outcome.StandardErrorTail);

        Assert.False(outcome.Interrupted);
        Assert.Equal(CompressionFailure.EncoderFailed, error.Kind);
        Assert.StartsWith($"ffmpeg crashed ({name}) while compressing", error.Message);
        Assert.EndsWith("ffmpeg said: last words", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(69)]
    public void An_error_exit_is_neither_a_signal_nor_an_interruption(int exitCode)
    {
        var outcome = new ToolOutcome(exitCode, string.Empty, "Invalid argument");

        Assert.Null(outcome.Signal);
        Assert.False(outcome.Interrupted);
        Assert.Equal($"ffmpeg failed with exit code {exitCode} while compressing 'a.mp4' to 'b.mp4': Invalid argument",
            CompressionException.FromRun(outcome, "while compressing 'a.mp4' to 'b.mp4'", outcome.StandardErrorTail).Message);
    }
}
