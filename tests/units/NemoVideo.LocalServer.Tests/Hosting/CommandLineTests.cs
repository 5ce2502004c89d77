using NemoVideo.LocalServer.Faults;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Hosting;

public class CommandLineTests
{
    [Fact]
    public void DefaultsListenOnAFreeLoopbackPortWithUnlimitedCreditsAndNoFaults()
    {
        var options = CommandLine.Parse([]);

        Assert.Equal("http://127.0.0.1:0", options.Url);
        Assert.Null(options.StartingCredits);
        Assert.Empty(options.Faults);
        Assert.Equal(500_000_000, options.MaxUploadBytes);
        Assert.Equal(TimeSpan.FromDays(7), options.TokenLifetime);
    }

    [Fact]
    public void ReadsEveryOption()
    {
        var options = CommandLine.Parse([
            "--urls", "http://127.0.0.1:5123", "--data-dir", "/tmp/nemo-data", "--parent-pid", "4242",
            "--token-lifetime", "60", "--max-upload-bytes", "1000", "--credits", "100", "--edit-cost", "10",
            "--output-retention", "30", "--heartbeat", "0.5", "--slow-render", "2", "--retry-after", "4",
            "--fault", "rate-limit:count=1", "--fault", "server-error:rate=0.1", "--fault-seed", "9", "--verbose",
        ]);

        Assert.Equal("http://127.0.0.1:5123", options.Url);
        Assert.Equal("/tmp/nemo-data", options.DataDirectory);
        Assert.Equal(4242, options.ParentProcessId);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TokenLifetime);
        Assert.Equal(1000, options.MaxUploadBytes);
        Assert.Equal(100, options.StartingCredits);
        Assert.Equal(10, options.EditCost);
        Assert.Equal(TimeSpan.FromSeconds(30), options.OutputRetention);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.SlowRenderDelay);
        Assert.Equal(TimeSpan.FromSeconds(4), options.RetryAfter);
        Assert.Equal([FaultRule.Times(FaultKind.RateLimit, 1), FaultRule.WithRate(FaultKind.ServerError, 0.1)], options.Faults);
        Assert.Equal(9, options.FaultSeed);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, options.MinimumLogLevel);
    }

    [Theory]
    [InlineData("--port", "80")]
    [InlineData("--credits", "lots")]
    [InlineData("--urls", "https://127.0.0.1:0")]
    [InlineData("--urls", "http://127.0.0.1:1;http://127.0.0.1:2")]
    [InlineData("--heartbeat", "-1")]
    [InlineData("--fault", "gremlins")]
    [InlineData("--data-dir")]
    public void RejectsWhatItCannotRead(params string[] args) =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(args));
}
