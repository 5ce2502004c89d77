using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.State;

namespace NemoVideo.LocalServer.Tests.State;

/// <summary>
/// A durable-looking state store that writes nothing and records each write with the <see cref="IStateStore.WriteTogether"/>
/// group it was made in (0: none), so a test can say which writes a kill could have separated.
/// </summary>
internal sealed class RecordingStateStore : IStateStore
{
    private int _groups;
    private int _open;
    private int _depth;

    public List<(int Group, string Write)> Writes { get; } = [];

    public bool IsDurable => true;

    /// <summary>The writes recorded from index <paramref name="from"/> on.</summary>
    public IEnumerable<(int Group, string Write)> Since(int from) => Writes.Skip(from);

    public void SaveToken(StoredToken token) => Record("token");

    public void DeleteToken(string tokenHash) => Record("token deleted");

    public void SaveTokenIssue(string clientId, DateTimeOffset issuedAt) => Record("token issue time");

    public void DeleteTokenIssue(string clientId) => Record("token issue time deleted");

    public void AddCreditsSpent(string clientId, long credits) => Record($"credits +{credits}");

    public void SaveSession(StoredSession session) => Record($"session {session.SettingsJson}");

    public void DeleteSession(string sessionId) => Record("session deleted");

    public void SaveMedia(string sessionId, Sessions.MediaItem media) => Record($"media {media.Name}");

    public void AddRenderJob(StoredRenderJob job) => Record($"render {job.Job.Id}");

    public void UpdateRenderJob(RenderJob job) => Record($"render {job.Id} {job.Status}");

    public void IncrementCounter(string kind, string key) => Record($"count {kind} {key}".TrimEnd());

    public StoredState Load() => StoredState.Empty;

    public IDisposable WriteTogether()
    {
        if (_depth++ == 0)
        {
            _open = ++_groups;
        }

        return new Scope(this);
    }

    private void Record(string write) => Writes.Add((_depth > 0 ? _open : 0, write));

    private sealed class Scope(RecordingStateStore owner) : IDisposable
    {
        public void Dispose() => owner._depth--;
    }
}
