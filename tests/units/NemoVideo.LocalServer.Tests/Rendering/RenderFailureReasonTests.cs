using NemoVideo.Compression;
using NemoVideo.LocalServer.Rendering;

namespace NemoVideo.LocalServer.Tests.Rendering;

/// <summary>What a client reads when a render fails: the server's folders never, the user's own names always.</summary>
public sealed class RenderFailureReasonTests
{
    private const string SourcePath = "/srv/nemo/state/media/ses_1/med_2/holiday.mp4";
    private const string OutputPath = "/srv/nemo/run/staging/key/holiday-compressed.mp4";

    [Theory]
    [InlineData(CompressionFailure.EncoderFailed, true)]
    [InlineData(CompressionFailure.Interrupted, true)]
    [InlineData(CompressionFailure.ToolMissing, false)]
    [InlineData(CompressionFailure.OutputExists, true)]
    public void A_failure_of_the_servers_tools_is_told_in_one_sentence_without_ffmpegs_output(CompressionFailure kind, bool transient)
    {
        var error = new CompressionException(kind,
            $"ffmpeg failed with exit code 1 while compressing '{SourcePath}' to '{OutputPath}': /tmp/nemo-passlog-x/trial.mkv: End of file", SourcePath);

        var reason = RenderFailureReason.For(error, SourcePath, "Holiday 2026.mp4", OutputPath, "holiday-compressed.mp4");

        Assert.DoesNotContain("/srv/", reason);
        Assert.DoesNotContain("/tmp/", reason);
        Assert.DoesNotContain("End of file", reason);
        Assert.Equal(transient, RenderFailureReason.IsTransient(kind));
        if (kind != CompressionFailure.ToolMissing)
        {
            Assert.Contains("'Holiday 2026.mp4'", reason);
        }
    }

    /// <summary>A reviewer killed the server's ffmpeg with SIGKILL and SIGSEGV: the engine named each signal, the client read
    /// neither. A signal's name and number say nothing about the server's folders, and SIGKILL points at memory.</summary>
    [Theory]
    [InlineData(CompressionFailure.Interrupted, "SIGKILL, signal 9", "stopped by a signal from outside the server (SIGKILL, signal 9)")]
    [InlineData(CompressionFailure.EncoderFailed, "SIGSEGV, signal 11", "crashed (SIGSEGV, signal 11)")]
    public void A_signal_that_stopped_the_servers_encoder_is_named(CompressionFailure kind, string signal, string expected)
    {
        var error = new CompressionException(kind, $"ffmpeg ... while compressing '{SourcePath}' to '{OutputPath}'", SourcePath) { Signal = signal };

        var reason = RenderFailureReason.For(error, SourcePath, "Holiday 2026.mp4", OutputPath, "holiday-compressed.mp4");

        Assert.Contains(expected, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/", reason);
        Assert.True(RenderFailureReason.IsTransient(kind));
    }

    [Theory]
    [InlineData(CompressionFailure.Infeasible)]
    [InlineData(CompressionFailure.InvalidRequest)]
    [InlineData(CompressionFailure.NotMedia)]
    [InlineData(CompressionFailure.InputNotFound)]
    public void A_failure_about_the_request_or_the_source_keeps_the_engines_words_with_the_users_names(CompressionFailure kind)
    {
        var error = new CompressionException(kind, $"'{SourcePath}' cannot be written to '{OutputPath}' as asked: allow a larger size.", SourcePath);

        var reason = RenderFailureReason.For(error, SourcePath, "Holiday 2026.mp4", OutputPath, "holiday-compressed.mp4");

        Assert.Equal("'Holiday 2026.mp4' cannot be written to 'holiday-compressed.mp4' as asked: allow a larger size.", reason);
        Assert.False(RenderFailureReason.IsTransient(kind));
    }
}
