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
}
