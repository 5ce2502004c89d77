using System.Collections.Concurrent;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Diagnostics;

/// <summary>
/// Counts what a client did to this server, for tests and fault soaks to check against (GET /local/stats): anonymous
/// tokens issued and refused, faults fired, and per session the instructions run and the files stored. Counts only,
/// never a token or a client id.
/// </summary>
public sealed class ServerStats
{
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly ConcurrentDictionary<string, int> _instructions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _renders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _uploadsByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _editsByName = new(StringComparer.Ordinal);
    private int _downloadsStarted;
    private int _tokensIssued;
    private int _tokensRefused;

    public void TokenIssued() => Interlocked.Increment(ref _tokensIssued);

    public void TokenRefused() => Interlocked.Increment(ref _tokensRefused);

    public void FaultFired(FaultKind kind) => _faults.AddOrUpdate(kind, 1, (_, count) => count + 1);

    /// <summary>An instruction reached the agent (past faults, tokens and session checks) and ran.</summary>
    public void InstructionRun(string sessionId) => _instructions.AddOrUpdate(sessionId, 1, (_, count) => count + 1);

    public void FileStored(string sessionId, string name)
    {
        _uploads.AddOrUpdate(sessionId, 1, (_, count) => count + 1);
        _uploadsByName.AddOrUpdate(name, 1, (_, count) => count + 1);
    }

    public void RenderSubmitted(string sessionId) => _renders.AddOrUpdate(sessionId, 1, (_, count) => count + 1);

    /// <summary>An edit was applied and charged; keyed by the uploaded video's name, so a file edited in two sessions shows as 2.</summary>
    public void EditApplied(string videoName) => _editsByName.AddOrUpdate(videoName, 1, (_, count) => count + 1);

    public void DownloadStarted() => Interlocked.Increment(ref _downloadsStarted);

    public object Snapshot() => new
    {
        anonymous_tokens_issued = Volatile.Read(ref _tokensIssued),
        anonymous_tokens_refused = Volatile.Read(ref _tokensRefused),
        faults_fired = _faults.ToDictionary(pair => FaultRule.NameOf(pair.Key), pair => pair.Value),
        instructions_by_session = new SortedDictionary<string, int>(_instructions, StringComparer.Ordinal),
        uploads_by_session = new SortedDictionary<string, int>(_uploads, StringComparer.Ordinal),
        renders_by_session = new SortedDictionary<string, int>(_renders, StringComparer.Ordinal),
        uploads_by_name = new SortedDictionary<string, int>(_uploadsByName, StringComparer.Ordinal),
        edits_applied_by_name = new SortedDictionary<string, int>(_editsByName, StringComparer.Ordinal),
        downloads_started = Volatile.Read(ref _downloadsStarted),
    };
}
