using System.Collections.Concurrent;
using System.Security.Cryptography;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Sessions;

/// <summary>All sessions, each visible only to the client that opened it; idle ones expire, and each client keeps a bounded number.</summary>
public sealed class SessionStore(LocalServerOptions options, State.IStateStore? store = null)
{
    private readonly State.IStateStore _store = store ?? State.InMemoryStateStore.Instance;

    /// <summary>Sessions one client id may hold; opening one more drops its least recently used.</summary>
    public const int MaxSessionsPerClient = 100;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly object _createGate = new();

    /// <summary>Raised with each session dropped (idle or over the per-client cap), so its files can go with it.</summary>
    public event Action<Session>? Removed;

    public int Count => _sessions.Count;

    public Session Create(string ownerClientId, string language)
    {
        var session = new Session(NewId("ses_"), NewId("task_"), ownerClientId, language) { Store = _store };
        session.Touch(options.TimeProvider.GetUtcNow());
        Session? dropped = null;
        lock (_createGate)
        {
            var owned = _sessions.Values.Where(candidate => candidate.OwnerClientId == ownerClientId).ToList();
            if (owned.Count >= MaxSessionsPerClient)
            {
                dropped = owned.MinBy(candidate => candidate.LastUsed);
            }

            _sessions[session.Id] = session;
        }

        if (dropped is not null)
        {
            Remove(dropped);
        }

        return session;
    }

    /// <summary>Another client's session is reported as not found, as if it did not exist. Finding it counts as using it.</summary>
    public Session? Find(string sessionId, string clientId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || session.OwnerClientId != clientId)
        {
            return null;
        }

        session.Touch(options.TimeProvider.GetUtcNow());
        return session;
    }

    /// <summary>Any client's session (for the server's own work, such as a render taken back at start).</summary>
    internal Session? FindById(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <summary>Takes back the sessions the state store kept, with their media and settings.</summary>
    internal void Restore(State.StoredState state)
    {
        foreach (var (stored, media) in state.Sessions)
        {
            _sessions[stored.Id] = Session.Restore(stored, media, _store);
        }
    }

    /// <summary>The upload behind a public media link.</summary>
    public MediaItem? FindMediaByKey(string downloadKey) =>
        _sessions.Values.SelectMany(session => session.Media).FirstOrDefault(media => media.DownloadKey == downloadKey);

    /// <summary>Removes sessions idle for longer than the retention whose renders have all ended.</summary>
    public void RemoveIdle(Func<Session, bool> isBusy)
    {
        var oldest = options.TimeProvider.GetUtcNow() - options.SessionRetention;
        foreach (var session in _sessions.Values)
        {
            if (session.LastUsed <= oldest && !isBusy(session))
            {
                Remove(session);
            }
        }
    }

    private void Remove(Session session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, Session>(session.Id, session)))
        {
            session.End();
            _store.DeleteSession(session.Id);
            Removed?.Invoke(session);
        }
    }

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
