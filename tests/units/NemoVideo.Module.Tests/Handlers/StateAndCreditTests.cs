using NemoVideo.Client;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public class StateAndCreditTests
{
    private readonly FakeCommandHost host = new();
    private readonly FakeNemoClient client = new();

    [Fact]
    public async Task State_is_a_typed_timeline_shown_by_its_summary()
    {
        await new StateHandler(TestConnections.Resolver(client), [null], raw: false).ExecuteAsync(host, CancellationToken.None);

        var timeline = Assert.IsType<NemoTimeline>(Assert.Single(host.Objects));
        Assert.Equal("Timeline (1 track): 1. Video: clip.mp4 (0-10s)", timeline.ToString());
        Assert.True(timeline.IsExportable);
        Assert.Equal(NemoTrackKind.Video, Assert.Single(timeline.Tracks).Kind);
        Assert.Equal(1, timeline.SegmentCount);
    }

    [Fact]
    public async Task Raw_outputs_the_state_json_as_received()
    {
        await new StateHandler(TestConnections.Resolver(client), ["s5"], raw: true).ExecuteAsync(host, CancellationToken.None);

        Assert.Equal("{\"draft\":{\"t\":[]}}", Assert.Single(host.Objects));
        Assert.Contains("State s5", client.Calls);
    }

    [Fact]
    public async Task A_session_without_a_draft_has_an_empty_timeline()
    {
        client.OnGetState = session => new NemoState(session.SessionId, null, "{}");

        await new StateHandler(TestConnections.Resolver(client), [null], raw: false).ExecuteAsync(host, CancellationToken.None);

        var timeline = Assert.IsType<NemoTimeline>(Assert.Single(host.Objects));
        Assert.Equal(NemoTimeline.EmptySummary, timeline.Summary);
        Assert.False(timeline.IsExportable);
        Assert.Empty(timeline.Tracks);
    }

    [Fact]
    public async Task Credits_are_the_balance()
    {
        await new CreditHandler(TestConnections.Resolver(client)).ExecuteAsync(host, CancellationToken.None);

        Assert.Equal(new NemoCredit(100, 5, 105), Assert.Single(host.Objects));
    }
}
