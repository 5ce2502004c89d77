using NemoVideo.LocalServer.Agent;

namespace NemoVideo.LocalServer.Sessions;

/// <summary>One project: its uploads, the video being worked on, and the compression settings asked for so far.</summary>
public sealed class Session(string id, string taskId, string ownerClientId, string language)
{
    private readonly object _gate = new();
    private readonly List<MediaItem> _media = [];
    private MediaItem? _activeVideo;
    private CompressionSettings _settings = CompressionSettings.None;
    private bool _ended;

    public string Id { get; } = id;

    public string TaskId { get; } = taskId;

    public string OwnerClientId { get; } = ownerClientId;

    public string Language { get; } = language;

    private long _lastUsedTicks;

    /// <summary>When a call last named this session; it is removed once idle for the session retention.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    internal void Touch(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);
        // Written at most once a minute: retention is measured in hours, and a write per request would cost every call.
        if (Store.IsDurable && now.UtcTicks - Interlocked.Read(ref _persistedLastUsedTicks) >= LastUsedPersistInterval.Ticks)
        {
            Persist();
        }
    }

    private static readonly TimeSpan LastUsedPersistInterval = TimeSpan.FromMinutes(1);

    private long _persistedLastUsedTicks;

    /// <summary>Where changes are written through to (set by the <see cref="SessionStore"/>).</summary>
    internal State.IStateStore Store { get; set; } = State.InMemoryStateStore.Instance;

    /// <summary>Writes the session row (settings, active video, last use) to the state store.</summary>
    internal void Persist()
    {
        if (!Store.IsDurable)
        {
            return;
        }

        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            var lastUsed = LastUsed;
            Store.SaveSession(new State.StoredSession(Id, TaskId, OwnerClientId, Language, lastUsed, _activeVideo?.Id,
                System.Text.Json.JsonSerializer.Serialize(_settings)));
            Interlocked.Exchange(ref _persistedLastUsedTicks, lastUsed.UtcTicks);
        }
    }

    /// <summary>
    /// Called by the <see cref="SessionStore"/> as it drops this session (idle, or over its client's cap), before it
    /// deletes the session's rows: an edit or upload still running then changes nothing, is charged nothing and writes
    /// nothing. Without it an edit that finished just after the drop was charged, and its write brought the session's
    /// row back, to be restored after a restart without its media.
    /// </summary>
    internal void End()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }

    /// <summary>True once the store has dropped this session (see <see cref="End"/>); its files are then deleted, or about to be.</summary>
    internal bool HasEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Takes back a session as the state store kept it.</summary>
    internal static Session Restore(State.StoredSession stored, IReadOnlyList<MediaItem> media, State.IStateStore store)
    {
        var session = new Session(stored.Id, stored.TaskId, stored.OwnerClientId, stored.Language) { Store = store };
        session._media.AddRange(media);
        session._activeVideo = media.FirstOrDefault(item => item.Id == stored.ActiveMediaId);
        session._settings = System.Text.Json.JsonSerializer.Deserialize<CompressionSettings>(stored.SettingsJson) ?? CompressionSettings.None;
        session._lastUsedTicks = session._persistedLastUsedTicks = stored.LastUsed.UtcTicks;
        return session;
    }

    /// <summary>Renders of this session run one after another; each new job waits for this one.</summary>
    internal Task RenderTail { get; set; } = Task.CompletedTask;

    internal object RenderGate { get; } = new();

    public IReadOnlyList<MediaItem> Media
    {
        get { lock (_gate) { return _media.ToArray(); } }
    }

    public SessionSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new SessionSnapshot(_activeVideo, _settings, _media.ToArray());
        }
    }

    /// <summary>
    /// Adds an upload's files; a new video becomes the one the draft holds and the settings start over, since they were
    /// for the old one. <paramref name="stored"/> is called for each file inside the same write to the state store, so
    /// a server killed meanwhile keeps the files with their count or neither. False, with nothing added, when the session
    /// has ended (<see cref="End"/>): the caller still owns the files.
    /// </summary>
    public bool TryAddMedia(IReadOnlyList<MediaItem> items, Action<MediaItem> stored)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            using var together = Store.WriteTogether();
            foreach (var item in items)
            {
                _media.Add(item);
                if (item.Kind == MediaKind.Video)
                {
                    _activeVideo = item;
                    _settings = CompressionSettings.None;
                }

                Store.SaveMedia(Id, item);
                stored(item);
            }

            Persist();
            return true;
        }
    }

    public MediaItem? FindMedia(string mediaId)
    {
        lock (_gate)
        {
            return _media.FirstOrDefault(item => item.Id == mediaId);
        }
    }

    /// <summary>Instructions of one session run one at a time, like turns of one conversation.</summary>
    internal SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>
    /// Applies an edit's settings if the video they were made for is still the active one (an upload in between starts
    /// over with fresh settings, which must not inherit the old video's): first <paramref name="charge"/> takes its
    /// credits, then the settings change and <paramref name="applied"/> counts it. All three reach the state store in
    /// one write, so a server killed meanwhile keeps all or none, and a rerun is never charged for an edit it did not get.
    /// </summary>
    public EditOutcome TryApplyEdit(SessionSnapshot basis, CompressionSettings updated, Func<bool> charge, Action applied)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return EditOutcome.SessionEnded;
            }

            if (!ReferenceEquals(_activeVideo, basis.ActiveVideo))
            {
                return EditOutcome.VideoReplaced;
            }

            using var together = Store.WriteTogether();
            if (!charge())
            {
                return EditOutcome.OutOfCredits;
            }

            _settings = updated;
            Persist();
            applied();
            return EditOutcome.Applied;
        }
    }
}

/// <summary>What <see cref="Session.TryApplyEdit"/> did.</summary>
public enum EditOutcome
{
    Applied,
    OutOfCredits,
    VideoReplaced,
    /// <summary>The session was dropped (idle, or over its client's cap) while the edit ran.</summary>
    SessionEnded,
}

public sealed record SessionSnapshot(MediaItem? ActiveVideo, CompressionSettings Settings, IReadOnlyList<MediaItem> Media);
