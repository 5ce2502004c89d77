using System.Collections;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Tests.Handlers;

public sealed class ClientOptionsBuilderTests
{
    /// <summary>A compression against -Local waited up to 30 s for the next poll after its encode ended.</summary>
    [Fact]
    public void A_local_server_is_polled_at_least_every_second_and_the_hosted_service_at_its_published_pace()
    {
        var local = ClientOptionsBuilder.Build(new Hashtable(), new Uri("http://127.0.0.1:5000/"), null, true, TimeProvider.System, false, localServer: true);
        var hosted = ClientOptionsBuilder.Build(new Hashtable(), null, null, false, TimeProvider.System);

        Assert.Equal(TimeSpan.FromSeconds(1), local.RenderPollMaxDelay);
        Assert.True(local.RenderPollInitialDelay <= TimeSpan.FromSeconds(1), local.RenderPollInitialDelay.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), hosted.RenderPollMaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), hosted.RenderPollInitialDelay);
    }
}
