using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NemoVideo.LocalServer.Sessions;

/// <summary>All sessions, each visible only to the client that opened it.</summary>
public sealed class SessionStore
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session Create(string ownerClientId, string language)
    {
        var session = new Session(NewId("ses_"), NewId("task_"), ownerClientId, language);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>Another client's session is reported as not found, as if it did not exist.</summary>
    public Session? Find(string sessionId, string clientId) =>
        _sessions.TryGetValue(sessionId, out var session) && session.OwnerClientId == clientId ? session : null;

    /// <summary>The upload behind a public media link.</summary>
    public MediaItem? FindMediaByKey(string downloadKey) =>
        _sessions.Values.SelectMany(session => session.Media).FirstOrDefault(media => media.DownloadKey == downloadKey);

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
