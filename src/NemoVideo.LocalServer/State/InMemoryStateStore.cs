using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.State;

/// <summary>Keeps nothing: the state lives only in the in-memory stores and ends with the process (--in-memory).</summary>
public sealed class InMemoryStateStore : IStateStore
{
    public static readonly InMemoryStateStore Instance = new();

    public bool IsDurable => false;

    public void SaveToken(StoredToken token) { }

    public void DeleteToken(string tokenHash) { }

    public void SaveTokenIssue(string clientId, DateTimeOffset issuedAt) { }

    public void DeleteTokenIssue(string clientId) { }

    public void AddCreditsSpent(string clientId, long credits) { }

    public void SaveSession(StoredSession session) { }

    public void DeleteSession(string sessionId) { }

    public void SaveMedia(string sessionId, MediaItem media) { }

    public void AddRenderJob(StoredRenderJob job) { }

    public void UpdateRenderJob(RenderJob job) { }

    public void IncrementCounter(string kind, string key) { }

    public IDisposable WriteTogether() => HeldWrites.NothingHeld;

    public StoredState Load() => StoredState.Empty;
}
