namespace NemoVideo.Compression;

public enum CompressionFailure
{
    InputNotFound,
    NotMedia,
    InvalidRequest,
    Infeasible,
    OutputExists,
    ToolMissing,
    EncoderFailed,
    /// <summary>ffmpeg was stopped by a signal from outside (Ctrl+C in the terminal, a kill): on the user's own machine
    /// deliberate, so not retried; on a server someone else's signal, so a resubmission may pass.</summary>
    Interrupted,
}

/// <summary>A compression that could not be done. <see cref="ErrorId"/> is stable: <c>Nemo.Compression.&lt;Kind&gt;</c>.</summary>
public sealed class CompressionException : Exception
{
    public CompressionException(CompressionFailure kind, string message, string? target = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>The cause in words about the file alone (no file name), e.g. for a server that names the file its own way.</summary>
    public string? Reason { get; init; }

    /// <summary>For <see cref="CompressionFailure.NotMedia"/>: what the file is instead; null for other failures.</summary>
    public MediaProblem? Problem { get; init; }

    public CompressionFailure Kind { get; }

    /// <summary>The signal that stopped or crashed ffmpeg, by name and number ("SIGKILL, signal 9"), when one did: for a
    /// server that words the failure its own way.</summary>
    public string? Signal { get; init; }

    /// <summary>The file the failure concerns, when there is one.</summary>
    public string? Target { get; }

    /// <summary>For <see cref="CompressionFailure.Infeasible"/> from the budget: the ceiling asked for and the smallest that
    /// works for this source and settings, in bytes, and whether the plan keeps sound (removing it is then a way out);
    /// for a server that words the refusal in the user's language. Null otherwise.</summary>
    public Infeasibility? Infeasibility { get; init; }

    public string ErrorId => "Nemo.Compression." + Kind;

    /// <summary>The failure of a tool run: <see cref="CompressionFailure.Interrupted"/> when a signal from outside stopped
    /// it (the text names the signal), <see cref="CompressionFailure.EncoderFailed"/> otherwise (a crash names its signal;
    /// an error exit gives ffmpeg's last words, or says it printed none).</summary>
    /// <param name="outcome">The run.</param>
    /// <param name="doing">What the run was for, as a phrase after "ffmpeg failed": "while compressing 'a.mp4' to 'b.mp4'".</param>
    /// <param name="detail">ffmpeg's standard error tail, with anything internal already replaced.</param>
    /// <param name="target">The file the failure concerns.</param>
    internal static CompressionException FromRun(ToolOutcome outcome, string doing, string detail, string? target = null)
    {
        var said = string.IsNullOrWhiteSpace(detail) ? string.Empty : $" ffmpeg said: {detail.Trim()}";
        if (outcome.Interrupted)
        {
            var signal = outcome.SignalName is { } name ? $" ({name})" : string.Empty;
            return new CompressionException(CompressionFailure.Interrupted,
                $"ffmpeg was stopped by a signal from outside{signal} {doing}: a Ctrl+C, a kill, or the system running out of memory. "
                + "Run the command again to start over.", target)
            { Signal = outcome.SignalName };
        }

        if (outcome.SignalName is { } crash)
        {
            return new CompressionException(CompressionFailure.EncoderFailed,
                $"ffmpeg crashed ({crash}) {doing}. Run it again; if it crashes again, this source trips a fault in this ffmpeg build: "
                + $"try another ffmpeg (NEMO_FFMPEG).{said}", target)
            { Signal = crash };
        }

        return new CompressionException(CompressionFailure.EncoderFailed,
            string.IsNullOrWhiteSpace(detail)
                ? $"ffmpeg failed with exit code {outcome.ExitCode} {doing} and printed no reason."
                : $"ffmpeg failed with exit code {outcome.ExitCode} {doing}: {detail.Trim()}", target);
    }
}

/// <summary>Why a ceiling cannot be met, in numbers: <paramref name="CeilingBytes"/> asked, <paramref name="LeastCeilingBytes"/>
/// the smallest that gives the picture its minimum bitrate beside the sound and the container.</summary>
public sealed record Infeasibility(long CeilingBytes, long LeastCeilingBytes, bool KeepsSound);
