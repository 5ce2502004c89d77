using NemoVideo.Client;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Get-NemoRender: one poll per render, the queue position when the server says it, an unknown id as its own error.</summary>
public sealed class RenderStatusHandlerTests : FileSystemTest
{
    [Fact]
    public async Task Each_render_is_polled_once_in_its_own_session_and_shows_its_place_in_the_queue()
    {
        var handler = new RenderStatusHandler(TestConnections.Resolver(Client), [new("s1", "render_1"), new(null, "render_2")]);

        await handler.ExecuteAsync(Host, CancellationToken.None);

        var renders = Host.ObjectsOf<NemoRenderJob>().ToList();
        Assert.Equal(["render_1", "render_2"], renders.Select(render => render.RenderId));
        Assert.All(renders, render => Assert.Equal(("Pending", 2), (render.Status, render.QueuePosition)));
        Assert.Equal("s1", renders[0].SessionId);
        Assert.Equal(["GetRender render_1", "GetRender render_2"], Client.Calls.Where(call => call.StartsWith("GetRender", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_render_the_service_does_not_know_is_that_renders_error_and_the_others_are_still_read()
    {
        Client.OnGetRender = id => id == "render_gone"
            ? throw new NemoException("Nemo.Api.NotFound", NemoErrorCategory.ObjectNotFound, $"Render {id} was not found.", "Check the id.", id)
            : new RenderJob(id, "s1", RenderStatus.Completed, 1, "https://x/out.mp4", null, NemoDraft.None, 1);
        var handler = new RenderStatusHandler(TestConnections.Resolver(Client), [new(null, "render_gone"), new(null, "render_done")]);

        await handler.ExecuteAsync(Host, CancellationToken.None);

        var error = Assert.Single(Host.Errors);
        Assert.Equal("render_gone", error.TargetObject);
        var done = Assert.Single(Host.ObjectsOf<NemoRenderJob>());
        Assert.Equal(("render_done", "Completed", (int?)null), (done.RenderId, done.Status, done.QueuePosition));
    }
}
