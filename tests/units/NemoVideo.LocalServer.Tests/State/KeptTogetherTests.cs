using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Agent;
using NemoVideo.LocalServer.Diagnostics;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Tests.State;

/// <summary>
/// What must survive a kill together reaches the state store as one group (one transaction): an edit's charge, settings
/// and count; an upload's files, session row and counts; a strict-quota token with its issue time and count. A cluster
/// API node killed between an edit's settings and its count once lost the count (ClusterServer.Tests.ps1), and the same
/// gap after a charge would have charged a rerun again.
/// </summary>
public sealed class KeptTogetherTests
{
    private static readonly MediaItem Clip = new("med_1", "clip.mp4", "/data/clip.mp4", 1234, MediaKind.Video, 2000, 320, 240, true, "key1");
    private static readonly MediaItem Second = new("med_2", "second.mp4", "/data/second.mp4", 4321, MediaKind.Video, 2000, 320, 240, true, "key2");
    private static readonly CompressionSettings Smaller = new() { MaxBytes = 1_000_000 };

    [Fact]
    public void AnEditsChargeSettingsAndCountAreOneWrite()
    {
        var (session, store) = SessionWith(Clip);
        var ledger = new CreditLedger(new LocalServerOptions { StartingCredits = 100 }, store);
        var stats = new ServerStats(store);
        var from = store.Writes.Count;

        var outcome = session.TryApplyEdit(session.Snapshot(), Smaller, () => ledger.TryCharge("client-1", 10), () => stats.EditApplied(Clip.Name));

        Assert.Equal(EditOutcome.Applied, outcome);
        var writes = store.Since(from).ToList();
        Assert.Equal(["credits +10", $"session {System.Text.Json.JsonSerializer.Serialize(Smaller)}", "count edits_by_name clip.mp4"],
            writes.Select(write => write.Write));
        Assert.Single(writes.Select(write => write.Group).Distinct());
        Assert.NotEqual(0, writes[0].Group);
        Assert.Equal(Smaller, session.Snapshot().Settings);
    }

    [Fact]
    public void AnEditWithoutCreditsWritesNothingAndChangesNothing()
    {
        var (session, store) = SessionWith(Clip);
        var ledger = new CreditLedger(new LocalServerOptions { StartingCredits = 5 }, store);
        var from = store.Writes.Count;
        var counted = false;

        var outcome = session.TryApplyEdit(session.Snapshot(), Smaller, () => ledger.TryCharge("client-1", 10), () => counted = true);

        Assert.Equal(EditOutcome.OutOfCredits, outcome);
        Assert.Empty(store.Since(from));
        Assert.False(counted);
        Assert.Equal(CompressionSettings.None, session.Snapshot().Settings);
        Assert.Equal(5, ledger.BalanceOf("client-1").Available);
    }

    [Fact]
    public void AnEditForAVideoReplacedMeanwhileIsNeitherChargedNorApplied()
    {
        var (session, store) = SessionWith(Clip);
        var before = session.Snapshot();
        session.TryAddMedia([Second], _ => { });
        var charged = false;

        var outcome = session.TryApplyEdit(before, Smaller, () => charged = true, () => { });

        Assert.Equal(EditOutcome.VideoReplaced, outcome);
        Assert.False(charged);
        Assert.Equal(CompressionSettings.None, session.Snapshot().Settings);
    }

    [Fact]
    public void AnUploadsFilesSessionAndCountsAreOneWrite()
    {
        var store = new RecordingStateStore();
        var session = new Session("ses_1", "task_1", "client-1", "en") { Store = store };
        var stats = new ServerStats(store);

        session.TryAddMedia([Clip, Second], media => stats.FileStored(session.Id, media.Name));

        Assert.Equal(
            ["media clip.mp4", "count uploads ses_1", "count uploads_by_name clip.mp4",
             "media second.mp4", "count uploads ses_1", "count uploads_by_name second.mp4", "session {}"],
            store.Writes.Select(write => write.Write).Select(write => write.StartsWith("session ", StringComparison.Ordinal) ? "session {}" : write));
        Assert.Single(store.Writes.Select(write => write.Group).Distinct());
        Assert.NotEqual(0, store.Writes[0].Group);
        Assert.Equal(Second, session.Snapshot().ActiveVideo);
    }

    /// <summary>The store drops a session (idle, or over its client's cap) while an upload or an edit of it still runs:
    /// neither may write it back, nor charge for it.</summary>
    [Fact]
    public void ASessionTheStoreDroppedTakesNoUploadNoEditAndWritesNothing()
    {
        var store = new RecordingStateStore();
        var clock = new Infrastructure.ManualTimeProvider(DateTimeOffset.UtcNow);
        var sessions = new SessionStore(new LocalServerOptions { TimeProvider = clock, SessionRetention = TimeSpan.FromHours(1) }, store);
        var session = sessions.Create("client-1", "en");
        Assert.True(session.TryAddMedia([Clip], _ => { }));
        var basis = session.Snapshot();
        clock.Advance(TimeSpan.FromHours(2));
        sessions.RemoveIdle(_ => false);
        var from = store.Writes.Count;
        var charged = false;

        var uploaded = session.TryAddMedia([Second], _ => { });
        var edit = session.TryApplyEdit(basis, Smaller, () => charged = true, () => { });
        session.Touch(clock.GetUtcNow() + TimeSpan.FromHours(1));

        Assert.Equal("session deleted", store.Writes[from - 1].Write);
        Assert.False(uploaded);
        Assert.Equal(EditOutcome.SessionEnded, edit);
        Assert.False(charged);
        Assert.Empty(store.Since(from));
        Assert.Equal([Clip], session.Media);
    }

    [Fact]
    public void AStrictQuotaTokenItsIssueTimeAndItsCountAreOneWrite()
    {
        var store = new RecordingStateStore();
        var tokens = new TokenStore(new LocalServerOptions { StrictTokenQuota = true }, new ServerStats(store), store);

        Assert.NotNull(tokens.IssueAnonymous("client-1", out _));

        Assert.Equal(["token issue time", "count tokens_issued", "token"], store.Writes.Select(write => write.Write));
        Assert.Single(store.Writes.Select(write => write.Group).Distinct());
        Assert.NotEqual(0, store.Writes[0].Group);
    }

    private static (Session Session, RecordingStateStore Store) SessionWith(MediaItem video)
    {
        var store = new RecordingStateStore();
        var session = new Session("ses_1", "task_1", "client-1", "en") { Store = store };
        session.TryAddMedia([video], _ => { });
        return (session, store);
    }
}
