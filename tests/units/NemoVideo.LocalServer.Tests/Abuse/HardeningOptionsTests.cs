using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>The options an operator hardens the server with, as the command line reads them.</summary>
public sealed class HardeningOptionsTests
{
    [Fact]
    public void DefaultsAreSafe()
    {
        var options = CommandLine.Parse([]);

        Assert.False(options.AllowPrivateUrls);
        Assert.Empty(options.UrlHostAllowList);
        Assert.Equal(1_000_000, options.MaxJsonBodyBytes);
        Assert.False(options.KeepData);
        Assert.False(options.InMemory);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), options.DataDirectory);
        Assert.EndsWith("nemovideo", options.DataDirectory);
    }

    [Fact]
    public void ReadsTheHardeningOptions()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "s3cret\n");
        var options = CommandLine.Parse([
            "--keep-data", "--allow-private-urls", "--allow-url-host", "media.lan", "--url-timeout", "5", "--url-min-rate", "10",
            "--url-rate-window", "2", "--max-json-bytes", "2000", "--session-retention", "60", "--token-secret-file", secret,
            "--max-tokens", "7", "--exit-on-stdin-close", "--in-memory",
        ]);
        File.Delete(secret);

        Assert.True(options.KeepData);
        Assert.True(options.InMemory);
        Assert.True(options.AllowPrivateUrls);
        Assert.Contains("media.lan", options.UrlHostAllowList);
        Assert.Equal(TimeSpan.FromSeconds(5), options.UrlFetchTimeout);
        Assert.Equal(10, options.UrlMinBytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), options.UrlRateWindow);
        Assert.Equal(2000, options.MaxJsonBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(60), options.SessionRetention);
        Assert.Equal("s3cret", options.AnonymousTokenSecret);
        Assert.Equal(7, options.MaxTokens);
        Assert.True(options.ExitOnStandardInputClose);
    }

    [Theory]
    [InlineData("/home/u", "/state", "/state/nemovideo")]
    [InlineData("/home/u", null, "/home/u/.local/state/nemovideo")]
    [InlineData("/home/u", "relative/ignored", "/home/u/.local/state/nemovideo")]
    public void TheDefaultDataFolderIsTheLinuxStateFolder(string home, string? state, string expected)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux rule");
        Assert.Equal(expected, DataFolder.Default(name => name switch { "HOME" => home, "XDG_STATE_HOME" => state, _ => null }));
    }

    [Theory]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    public void OnlyLoopbackCountsAsPrivateListening(string url, bool loopback) =>
        Assert.Equal(loopback, ExposureWarning.IsLoopbackOnly(url));
}
