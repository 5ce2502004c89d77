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

    /// <summary>The file the failure concerns, when there is one.</summary>
    public string? Target { get; }

    public string ErrorId => "Nemo.Compression." + Kind;

    /// <summary>The failure of a tool run: <see cref="CompressionFailure.Interrupted"/> when a signal from outside stopped
    /// it, <see cref="CompressionFailure.EncoderFailed"/> otherwise.</summary>
    internal static CompressionException FromRun(ToolOutcome outcome, string message, string? target = null) =>
        outcome.Interrupted
            ? new CompressionException(CompressionFailure.Interrupted,
                $"{message} (ffmpeg was stopped by a signal from outside, such as Ctrl+C; run the command again to start over)", target)
            : new CompressionException(CompressionFailure.EncoderFailed, message, target);
}
