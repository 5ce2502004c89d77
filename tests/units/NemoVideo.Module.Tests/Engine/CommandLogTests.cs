using NemoVideo.Module.Engine;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Engine;

public class CommandLogTests
{
    [Fact]
    public async Task Client_log_lines_reach_the_host_of_the_command_whose_flow_wrote_them()
    {
        var first = new FakeCommandHost();
        var second = new FakeCommandHost();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                CommandLog.Use(first);
                await Task.Yield();
                CommandLog.Instance.Verbose("GET /api/credits/balance/simple");
            }, TestContext.Current.CancellationToken),
            Task.Run(async () =>
            {
                CommandLog.Use(second);
                await Task.Yield();
                CommandLog.Instance.Debug("200 OK");
            }, TestContext.Current.CancellationToken));
        CommandLog.Instance.Verbose("from no command");

        Assert.Equal(["GET /api/credits/balance/simple"], first.Verbose);
        Assert.Empty(first.Debug);
        Assert.Equal(["200 OK"], second.Debug);
        Assert.Empty(second.Verbose);
    }
}
