using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;
using NemoVideo.LocalServer.Uploads;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>URL-upload errors never echo a user name, password or query (where pre-signed links keep their secret).</summary>
public sealed class UrlCredentialTests
{
    [Theory]
    [InlineData("http://user:s3cret@example.com/a/clip.mp4", "http://example.com/a/clip.mp4")]
    [InlineData("https://example.com:8443/clip.mp4?X-Amz-Signature=s3cret#t=1", "https://example.com:8443/clip.mp4?…")]
    [InlineData("ftp://user:s3cret@example.com/clip.mp4", "ftp://example.com/clip.mp4")]
    [InlineData("user:s3cret@example.com/clip.mp4", "example.com/clip.mp4")]
    [InlineData("not a url?token=s3cret", "not a url?…")]
    [InlineData("http://example.com/clip.mp4", "http://example.com/clip.mp4")]
    public void AShownUrlKeepsWhereItPointsAndDropsItsCredentials(string url, string shown) =>
        Assert.Equal(shown, ShownUrl.Of(url));

    [Fact]
    public async Task NoUrlUploadErrorEchoesCredentials()
    {
        await using var source = await HostileSource.StartAsync();
        await using var refusing = await TestServer.StartAsync();
        await using var allowing = await TestServer.StartAsync(options => options.AllowPrivateUrls = true);
        var port = source.Url.Port;

        var answers = new[]
        {
            await UploadUrlAsync(refusing, $"http://user:s3cret@127.0.0.1:{port}/clip.mp4?sig=s3cret"),
            await UploadUrlAsync(refusing, "ftp://user:s3cret@example.com/clip.mp4"),
            await UploadUrlAsync(refusing, "http://user:s3cret@example.com/?sig=s3cret"),
            await UploadUrlAsync(allowing, $"http://user:s3cret@127.0.0.1:{port}/missing.mp4?sig=s3cret"),
            await UploadUrlAsync(allowing, "http://user:s3cret@127.0.0.1:1/clip.mp4?sig=s3cret"),
        };

        Assert.All(answers, answer =>
        {
            Assert.NotEqual(0, answer["code"]!.GetValue<int>());
            Assert.DoesNotContain("s3cret", answer["message"]!.GetValue<string>());
        });
        Assert.Contains($"'http://127.0.0.1:{port}/clip.mp4?…' was refused", answers[0]["message"]!.GetValue<string>());
        Assert.Contains($"'http://127.0.0.1:{port}/missing.mp4?…' failed: HTTP 404", answers[3]["message"]!.GetValue<string>());
    }

    private static async Task<JsonNode> UploadUrlAsync(TestServer server, string url)
    {
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        return await api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            new JsonObject { ["urls"] = new JsonArray(url), ["source_type"] = "url" }.ToJsonString());
    }
}
