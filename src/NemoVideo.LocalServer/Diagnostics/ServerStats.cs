using System.Collections.Concurrent;
using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Diagnostics;

/// <summary>
/// Counts what a client did to this server, for tests and fault soaks to check against (GET /local/stats): anonymous
/// tokens issued and refused, faults fired, and per session the instructions run and the files stored. Counts only,
/// never a token or a client id.
/// </summary>
/// <remarks>With a durable state store the counts are written through and taken back at start, so they count across restarts.</remarks>
public sealed class ServerStats(State.IStateStore? store = null)
{
    private readonly State.IStateStore _store = store ?? State.InMemoryStateStore.Instance;

    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly ConcurrentDictionary<string, int> _instructions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _renders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _uploadsByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _editsByName = new(StringComparer.Ordinal);
    private int _downloadsStarted;
    private int _tokensIssued;
    private int _tokensRefused;

    public void TokenIssued()
    {
        Interlocked.Increment(ref _tokensIssued);
        _store.IncrementCounter("tokens_issued", string.Empty);
    }

    public void TokenRefused()
    {
        Interlocked.Increment(ref _tokensRefused);
        _store.IncrementCounter("tokens_refused", string.Empty);
    }

    public void FaultFired(FaultKind kind)
    {
        _faults.AddOrUpdate(kind, 1, (_, count) => count + 1);
        _store.IncrementCounter("faults", kind.ToString());
    }

    /// <summary>An instruction reached the agent (past faults, tokens and session checks) and ran.</summary>
    public void InstructionRun(string sessionId) => Count(_instructions, "instructions", sessionId);

    public void FileStored(string sessionId, string name)
    {
        Count(_uploads, "uploads", sessionId);
        Count(_uploadsByName, "uploads_by_name", name);
    }

    public void RenderSubmitted(string sessionId) => Count(_renders, "renders", sessionId);

    /// <summary>An edit was applied and charged; keyed by the uploaded video's name, so a file edited in two sessions shows as 2.</summary>
    public void EditApplied(string videoName) => Count(_editsByName, "edits_by_name", videoName);

    public void DownloadStarted()
    {
        Interlocked.Increment(ref _downloadsStarted);
        _store.IncrementCounter("downloads_started", string.Empty);
    }

    private void Count(ConcurrentDictionary<string, int> counts, string kind, string key)
    {
        counts.AddOrUpdate(key, 1, (_, count) => count + 1);
        _store.IncrementCounter(kind, key);
    }

    /// <summary>Takes back the counts the state store kept.</summary>
    internal void Restore(State.StoredState state)
    {
        foreach (var (kind, key, count) in state.Counters)
        {
            switch (kind)
            {
                case "tokens_issued": _tokensIssued = count; break;
                case "tokens_refused": _tokensRefused = count; break;
                case "downloads_started": _downloadsStarted = count; break;
                case "faults" when Enum.TryParse<FaultKind>(key, out var fault): _faults[fault] = count; break;
                case "instructions": _instructions[key] = count; break;
                case "uploads": _uploads[key] = count; break;
                case "uploads_by_name": _uploadsByName[key] = count; break;
                case "renders": _renders[key] = count; break;
                case "edits_by_name": _editsByName[key] = count; break;
            }
        }
    }

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
