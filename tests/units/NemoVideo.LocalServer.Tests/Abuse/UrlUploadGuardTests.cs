using System.Diagnostics;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>URL uploads cannot be turned against the machine: non-public addresses, redirects, size, time and rate.</summary>
public sealed class UrlUploadGuardTests
{
    [Fact]
    public async Task ALoopbackUrlIsRefusedAndTheAnswerDoesNotTellAnOpenPortFromAClosedOne()
    {
        await using var source = await HostileSource.StartAsync();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var open = await UploadUrlAsync(api, token, sessionId, $"{source.Url}endless.mp4");
        var closed = await UploadUrlAsync(api, token, sessionId, "http://127.0.0.1:1/endless.mp4");
        var own = await UploadUrlAsync(api, token, sessionId, $"{server.Url}media/x/clip.mp4");
        var byName = await UploadUrlAsync(api, token, sessionId, $"http://localhost:{source.Url.Port}/endless.mp4");

        Assert.All(new[] { open, closed, own, byName }, answer =>
        {
            Assert.Equal(4000, answer["code"]!.GetValue<int>());
            Assert.Contains("was refused", answer["message"]!.GetValue<string>());
        });
        Assert.Equal(open["message"]!.GetValue<string>().Replace(source.Url.Port.ToString(), "PORT"),
            closed["message"]!.GetValue<string>().Replace(":1/", ":PORT/"));
        Assert.Equal(0, source.EndlessBytesSent);
    }

    [Fact]
    public async Task TheCloudMetadataAddressIsRefusedWithoutConnecting()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clock = Stopwatch.StartNew();

        var answer = await UploadUrlAsync(api, token, sessionId, "http://169.254.169.254/latest/meta-data/x.mp4");

        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("was refused", answer["message"]!.GetValue<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARedirectToLoopbackIsRefusedEvenFromAnAllowedHost()
    {
        await using var source = await HostileSource.StartAsync();
        // "localhost" is allowed by name; the redirect goes to 127.0.0.1, a host that is not.
        await using var server = await TestServer.StartAsync(options => options.UrlHostAllowList.Add("localhost"));
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var target = Uri.EscapeDataString($"http://127.0.0.1:{source.Url.Port}/endless.mp4");

        var answer = await UploadUrlAsync(api, token, sessionId, $"http://localhost:{source.Url.Port}/to/x.mp4?url={target}");

        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("was refused", answer["message"]!.GetValue<string>());
        Assert.Equal(0, source.EndlessBytesSent);
    }

    [Fact]
    public async Task WithOptInAnEndlessSourceIsCutAtTheSizeLimit()
    {
        using var source = new EndlessSource();
        const long limit = 2_000_000;
        await using var server = await TestServer.StartAsync(options =>
        {
            options.AllowPrivateUrls = true;
            options.MaxUploadBytes = limit;
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clock = Stopwatch.StartNew();

        var answer = await UploadUrlAsync(api, token, sessionId, source.Url.ToString());
        var fetched = ((UrlFetcher)server.Server.Services.GetService(typeof(UrlFetcher))!).BytesFetched;
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Measure.Report($"endless source, limit {limit:N0}: bytes fetched {fetched:N0} (limit + one 81,920-byte buffer = {limit + 81_920:N0}); "
            + $"the source's socket accepted {source.BytesSent:N0} (the rest sat in socket buffers); {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(4002, answer["code"]!.GetValue<int>());
        Assert.InRange(fetched, limit + 1, limit + 81_920);
        Assert.True(source.BytesSent < limit + 50_000_000, $"The source kept being read: {source.BytesSent:N0} bytes.");
    }

    [Fact]
    public async Task AOneBytePerSecondSourceIsEndedByTheMinimumRate()
    {
        await using var source = await HostileSource.StartAsync();
        await using var server = await TestServer.StartAsync(options =>
        {
            options.AllowPrivateUrls = true;
            options.UrlMinBytesPerSecond = 100;
            options.UrlRateWindow = TimeSpan.FromSeconds(2);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clock = Stopwatch.StartNew();

        var answer = await UploadUrlAsync(api, token, sessionId, $"{source.Url}slow.mp4");
        var held = clock.Elapsed;

        Measure.Report($"1 byte/s source, minimum 100 B/s over 2 s: held {held.TotalSeconds:0.0} s");
        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("minimum rate", answer["message"]!.GetValue<string>());
        Assert.InRange(held, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task AOneBytePerSecondSourceIsEndedByTheTotalTimeLimit()
    {
        await using var source = await HostileSource.StartAsync();
        await using var server = await TestServer.StartAsync(options =>
        {
            options.AllowPrivateUrls = true;
            options.UrlMinBytesPerSecond = 0;
            options.UrlFetchTimeout = TimeSpan.FromSeconds(3);
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clock = Stopwatch.StartNew();

        var answer = await UploadUrlAsync(api, token, sessionId, $"{source.Url}slow.mp4");
        var held = clock.Elapsed;

        Measure.Report($"1 byte/s source, total limit 3 s: held {held.TotalSeconds:0.0} s");
        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("within 3 s", answer["message"]!.GetValue<string>());
        Assert.InRange(held, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void OnlyPublicAddressesPass(string address, bool isPublic) =>
        Assert.Equal(isPublic, AddressPolicy.IsPublic(System.Net.IPAddress.Parse(address)));

    private static Task<JsonNode> UploadUrlAsync(RawApi api, string token, string sessionId, string url) =>
        api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            new JsonObject { ["urls"] = new JsonArray(url), ["source_type"] = "url" }.ToJsonString());
}
