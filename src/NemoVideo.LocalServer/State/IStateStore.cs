using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.State;

/// <summary>
/// Where the server's state outlives the process: tokens (by hash), credits, sessions with their media and settings,
/// render jobs and the counters of GET /local/stats. The in-memory stores stay the working set (reads never touch it);
/// every change is written through here, and a starting server loads it back. <see cref="InMemoryStateStore"/> keeps
/// nothing (--in-memory); <see cref="SqliteStateStore"/> keeps it in the data folder. A store for another engine (a
/// render queue on a distributed job engine) implements this same seam.
/// </summary>
public interface IStateStore
{
    /// <summary>True when what is written here is there after a restart (render jobs cut short by a stop then stay pending).</summary>
    bool IsDurable { get; }

    void SaveToken(StoredToken token);

    void DeleteToken(string tokenHash);

    /// <summary>When a client was last given a token under the strict quota.</summary>
    void SaveTokenIssue(string clientId, DateTimeOffset issuedAt);

    void DeleteTokenIssue(string clientId);

    /// <summary>Adds <paramref name="credits"/> to what the client has spent (an amount added, so concurrent charges land in any order).</summary>
    void AddCreditsSpent(string clientId, long credits);

    void SaveSession(StoredSession session);

    /// <summary>Removes the session with its media and render jobs.</summary>
    void DeleteSession(string sessionId);

    void SaveMedia(string sessionId, MediaItem media);

    /// <summary>Adds a job with what it renders; it stays until its session goes.</summary>
    void AddRenderJob(StoredRenderJob job);

    /// <summary>Writes the job's status, outcome and output state.</summary>
    void UpdateRenderJob(RenderJob job);

    void IncrementCounter(string kind, string key);

    /// <summary>
    /// Holds back the writes this thread makes until the returned scope is disposed, then writes them in one transaction:
    /// what belongs together (an edit's settings, its charge and its count; a token and its quota time) is there after a
    /// kill all or not at all. A scope opened inside another joins it. Use around synchronous code only.
    /// </summary>
    IDisposable WriteTogether();

    /// <summary>Everything kept, for a starting server.</summary>
    StoredState Load();
}

/// <summary>A bearer token as kept: its SHA-256 (hex), never its text.</summary>
public sealed record StoredToken(string Hash, string ClientId, DateTimeOffset ExpiresAt);

public sealed record StoredSession(string Id, string TaskId, string OwnerClientId, string Language, DateTimeOffset LastUsed,
    string? ActiveMediaId, string SettingsJson);

/// <summary>A render job row: the job and what it renders (the source media and the engine request as JSON).</summary>
public sealed record StoredRenderJob(long Sequence, RenderJob Job, string SourceMediaId, string RequestJson);

public sealed record StoredState(
    IReadOnlyList<StoredToken> Tokens,
    IReadOnlyDictionary<string, DateTimeOffset> TokenIssues,
    IReadOnlyDictionary<string, long> CreditsSpent,
    IReadOnlyList<(StoredSession Session, IReadOnlyList<MediaItem> Media)> Sessions,
    IReadOnlyList<StoredRenderJob> RenderJobs,
    IReadOnlyList<(string Kind, string Key, int Count)> Counters)
{
    public static readonly StoredState Empty = new([], new Dictionary<string, DateTimeOffset>(), new Dictionary<string, long>(), [], [], []);
}
