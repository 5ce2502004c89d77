namespace NemoVideo.LocalServer.Rendering;

public enum RenderStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
}

/// <summary>One export. Changed by the render worker, read by pollers; every member is safe to read at any time.</summary>
public sealed class RenderJob(string id, string sessionId, string ownerClientId, string container)
{
    private readonly object _gate = new();
    private RenderStatus _status = RenderStatus.Pending;
    private double _progress;
    private string? _error;
    private string? _outputPath;
    private long? _outputBytes;
    private DateTimeOffset? _completedAt;
    private bool _outputRemoved;
    private IReadOnlyList<string> _notes = [];
    private IReadOnlyList<string> _warnings = [];

    public string Id { get; } = id;

    public string SessionId { get; } = sessionId;

    public string OwnerClientId { get; } = ownerClientId;

    public string Container { get; } = container;

    /// <summary>Unguessable key of the output's public URL (the stand-in for a pre-signed storage link).</summary>
    public string DownloadKey { get; private init; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string FileName => $"{Id}.{Container}";

    public RenderStatus Status { get { lock (_gate) { return _status; } } }

    public double Progress { get { lock (_gate) { return _progress; } } }

    public string? Error { get { lock (_gate) { return _error; } } }

    private bool _transient;
    private string? _errorId;

    public long? OutputBytes { get { lock (_gate) { return _outputBytes; } } }

    public DateTimeOffset? CompletedAt { get { lock (_gate) { return _completedAt; } } }

    /// <summary>The finished file while it is kept; null before completion and after the retention time.</summary>
    public string? OutputPath { get { lock (_gate) { return _outputRemoved ? null : _outputPath; } } }

    public bool OutputRemoved { get { lock (_gate) { return _outputRemoved; } } }

    public string? OutputUrl(string baseUrl) =>
        Status == RenderStatus.Completed ? $"{baseUrl}/files/{DownloadKey}/{Uri.EscapeDataString(FileName)}" : null;

    public void Start()
    {
        lock (_gate)
        {
            _status = RenderStatus.Processing;
        }
    }

    /// <summary>Progress only moves forward and stays below 1 until the file is really there.</summary>
    public void ReportProgress(double fraction)
    {
        lock (_gate)
        {
            _progress = Math.Max(_progress, Math.Clamp(fraction, 0, 0.99));
        }
    }

    /// <summary>What the engine chose that the user should know (e.g. which of several video streams it encoded); empty if nothing.</summary>
    public IReadOnlyList<string> Notes { get { lock (_gate) { return _notes; } } }

    /// <summary>The notes that mean the output lacks something the source has (a video stream left out, a recording
    /// read only in part); the same strings as in <see cref="Notes"/>.</summary>
    public IReadOnlyList<string> Warnings { get { lock (_gate) { return _warnings; } } }

    public void Complete(string outputPath, long bytes, DateTimeOffset at, IReadOnlyList<string>? notes = null, IReadOnlyList<string>? warnings = null)
    {
        lock (_gate)
        {
            (_status, _progress, _outputPath, _outputBytes, _completedAt) = (RenderStatus.Completed, 1, outputPath, bytes, at);
            _notes = notes ?? [];
            _warnings = warnings ?? [];
        }
    }

    /// <param name="transient">True when submitting the same draft again may well work (a fault, a stop); false when it
    /// will fail the same way (an infeasible size, an unreadable source), so the client must not pay for a second render.</param>
    public void Fail(string reason, bool transient, string? errorId = null)
    {
        lock (_gate)
        {
            (_status, _error, _transient, _errorId) = (RenderStatus.Failed, reason, transient, errorId);
        }
    }

    /// <summary>Whether a failure may pass on a resubmission; null while not failed.</summary>
    public bool? Transient { get { lock (_gate) { return _status == RenderStatus.Failed ? _transient : null; } } }

    /// <summary>The stable id of the failure's kind (e.g. Nemo.Compression.Infeasible), when known.</summary>
    public string? ErrorId { get { lock (_gate) { return _errorId; } } }

    /// <summary>A job as the state store kept it.</summary>
    internal static RenderJob Restore(string id, string sessionId, string ownerClientId, string container, string downloadKey,
        RenderStatus status, string? error, bool transient, string? errorId, string? outputPath, long? outputBytes,
        DateTimeOffset? completedAt, bool outputRemoved, IReadOnlyList<string> notes, IReadOnlyList<string> warnings)
    {
        var job = new RenderJob(id, sessionId, ownerClientId, container) { DownloadKey = downloadKey };
        (job._status, job._error, job._transient, job._errorId, job._outputPath, job._outputBytes, job._completedAt,
            job._outputRemoved, job._notes, job._warnings) = (status, error, transient, errorId, outputPath, outputBytes, completedAt, outputRemoved, notes, warnings);
        if (status == RenderStatus.Completed)
        {
            job._progress = 1;
        }

        return job;
    }

    /// <summary>
    /// Takes the state another process wrote (a cluster worker, read back from the job's row); the id, session, owner
    /// and download key are the same job's.
    /// </summary>
    internal void CopyFrom(RenderJob row, double progress)
    {
        lock (row._gate)
        {
            lock (_gate)
            {
                (_status, _error, _transient, _errorId, _outputPath, _outputBytes, _completedAt, _outputRemoved, _notes, _warnings) =
                    (row._status, row._error, row._transient, row._errorId, row._outputPath, row._outputBytes, row._completedAt,
                        row._outputRemoved, row._notes, row._warnings);
                _progress = _status == RenderStatus.Completed ? 1 : Math.Clamp(progress, 0, 0.99);
            }
        }
    }

    /// <summary>A job taken back at start that had not finished: it waits to run again from the beginning.</summary>
    internal void Requeue()
    {
        lock (_gate)
        {
            (_status, _progress) = (RenderStatus.Pending, 0);
        }
    }

    public void MarkOutputRemoved()
    {
        lock (_gate)
        {
            _outputRemoved = true;
        }
    }
}
