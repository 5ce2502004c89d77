using NemoVideo.Module.Engine;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Engine;

public class ProgressThrottleTests
{
    private readonly FakeCommandHost host = new();
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public void At_most_five_updates_a_second_per_activity_but_the_first_and_the_completion_always_show()
    {
        var throttle = new ProgressThrottle(host, clock);

        for (var i = 0; i < 100; i++)
        {
            throttle.Report(new ProgressInfo(1, "Upload", $"{i}"));
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        throttle.Report(new ProgressInfo(1, "Upload", "done") { Completed = true });

        // 100 updates over one second: the first, then one each 200 ms.
        Assert.Equal(["0", "20", "40", "60", "80", "done"], host.Progress.Select(record => record.StatusDescription));
        Assert.True(host.Progress[^1].Completed);
    }

    [Fact]
    public void Activities_are_throttled_separately()
    {
        var throttle = new ProgressThrottle(host, clock);

        throttle.Report(new ProgressInfo(10, "File 1", "a"));
        throttle.Report(new ProgressInfo(11, "File 2", "b"));
        throttle.Report(new ProgressInfo(10, "File 1", "c"));

        Assert.Equal(["a", "b"], host.Progress.Select(record => record.StatusDescription));
    }
}
