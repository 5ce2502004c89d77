using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class StateTests
{
    [Fact]
    public async Task ReadsTracksSegmentsAndTheSummaryInTheContractFormat()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.ThreeTracks));

        var state = await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken);

        var draft = Assert.IsType<NemoDraft>(state.Draft);
        Assert.Equal("Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)", draft.Summary);
        Assert.True(draft.IsExportable);
        Assert.Equal(10000, draft.DurationMs);
        Assert.Equal(new[] { NemoTrackKind.Video, NemoTrackKind.Audio, NemoTrackKind.Text }, draft.Tracks.Select(track => track.Kind));
        var bgm = Assert.Single(draft.Tracks[1].Segments);
        Assert.Equal(("Lo-fi", 0L, 10000L, 0.35), (bgm.Name, bgm.StartMs!.Value, bgm.EndMs!.Value, bgm.Volume!.Value));
        Assert.Equal("Urban Dreams", draft.Tracks[2].Segments[0].Text);
        Assert.Contains("\"canvas_config\"", state.RawJson);
    }

    [Fact]
    public async Task TheDraftTextIsKeptByteForByte()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.ThreeTracks));

        var state = await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken);

        Assert.Equal(Drafts.ThreeTracks, state.Draft!.RawJson);
    }

    [Theory]
    [InlineData(Drafts.Empty, false, "Timeline (0 tracks): empty")]
    [InlineData("""{"t":[{"tt":0,"sg":[]}]}""", false, "Timeline (1 track): 1. Video: empty")]
    [InlineData("""{"t":[{"tt":0,"sg":[{"n":"a","st":0,"du":2500},{"n":"b","st":2500,"et":4000}]},{"tt":9,"sg":[{"n":"fx"}]}]}""", true, "Timeline (2 tracks): 1. Video: a (0-2.5s), b (2.5-4s) 2. Track: fx")]
    [InlineData("""{"t":[{"tt":1,"sg":[{"name":"Voice","start":1000,"end":61000,"volume":80}]}]}""", true, "Timeline (1 track): 1. BGM: Voice (1-61s, 80%)")]
    [InlineData("""{"t":[{"tt":0,"sg":[{"name":"a.mp4","start":0,"end":8000,"volume":1.0},{"name":"b.mp4","start":8000,"end":9000,"volume":0.0}]}]}""", true, "Timeline (1 track): 1. Video: a.mp4 (0-8s), b.mp4 (8-9s, 0%)")]
    public void ExportabilityAndSummaryFollowTheDraft(string draftJson, bool exportable, string summary)
    {
        using var document = JsonDocument.Parse(draftJson);

        var draft = DraftReader.Parse(document.RootElement);

        Assert.Equal(exportable, draft.IsExportable);
        Assert.Equal(summary, draft.Summary);
    }

    [Fact]
    public async Task AStateWithoutADraftHasNone()
    {
        using var test = new TestClient();
        test.OnState("""{"video_infos":[]}""");

        var state = await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken);

        Assert.Null(state.Draft);
    }

    [Fact]
    public async Task ADraftStoredAsAJsonStringIsReadFromItsContent()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(JsonSerializer.Serialize(Drafts.OneVideo)));

        var state = await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken);

        Assert.Equal(Drafts.OneVideo, state.Draft!.RawJson);
        Assert.True(state.Draft.IsExportable);
    }

    [Fact]
    public void DiffReportsAddedRemovedAndAlteredSegmentsAndTracks()
    {
        var before = Parse("""{"t":[{"tt":0,"sg":[{"n":"a","st":0,"et":1000},{"n":"b","st":1000,"et":2000}]},{"tt":1,"sg":[{"n":"m","st":0,"et":2000}]},{"tt":7,"sg":[{"tx":"T","st":0,"et":500}]}],"d":2000}""");
        var after = Parse("""{"t":[{"tt":0,"sg":[{"n":"a","st":0,"et":1500},{"n":"b","st":1000,"et":2000},{"n":"c","st":2000,"et":3000}]},{"tt":1,"sg":[{"n":"m","st":0,"et":2000}],"muted":true}],"d":3000}""");

        var changes = TimelineDiff.Compare(before, after);

        Assert.Equal(
            new[]
            {
                (TimelineChangeKind.SegmentAltered, 1, (int?)1, "Changed on track 1 (Video): a (0-1s) -> a (0-1.5s)"),
                (TimelineChangeKind.SegmentAdded, 1, 3, "Added to track 1 (Video): c (2-3s)"),
                (TimelineChangeKind.TrackAltered, 2, null, "Changed track 2 (BGM): 2. BGM: m (0-2s)"),
                (TimelineChangeKind.TrackRemoved, 3, null, "Removed 3. Title: \"T\" (0-0.5s)"),
                (TimelineChangeKind.DurationChanged, 0, null, "Duration changed from 2s to 3s"),
            },
            changes.Select(change => (change.Kind, change.TrackIndex, change.SegmentIndex, change.Description)));
    }

    [Fact]
    public void DiffReportsWhichMetadataSettingsChanged()
    {
        var before = Parse("""{"t":[{"tt":0,"sg":[{"n":"a","st":0,"et":1000}]}],"d":1000,"m":{"engine":"x","compression":{"max_bytes":null}}}""");
        var after = Parse("""{"t":[{"tt":0,"sg":[{"n":"a","st":0,"et":1000}]}],"d":1000,"m":{"engine":"x","compression":{"max_bytes":1000000},"fps":30}}""");

        var change = Assert.Single(TimelineDiff.Compare(before, after));

        Assert.Equal((TimelineChangeKind.MetadataChanged, "Settings changed: compression, fps"), (change.Kind, change.Description));
    }

    [Fact]
    public void DiffOfIdenticalDraftsIsEmpty()
    {
        Assert.Empty(TimelineDiff.Compare(Parse(Drafts.ThreeTracks), Parse(Drafts.ThreeTracks)));
    }

    private static NemoDraft Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DraftReader.Parse(document.RootElement);
    }
}
