using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

public class UploadTests
{
    [Fact]
    public async Task AnUploadedVideoIsProbedStoredAndPutOnTheDraftsVideoTrack()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clip = await TestClips.SmallAsync();

        var (response, body) = await api.UploadAsync(token, sessionId, clip);
        var media = body["data"]!["files"]![0]!;
        var draft = await api.DraftAsync(token, sessionId);
        var segment = draft["t"]![0]!["sg"]![0]!;
        using var download = await server.Http.GetAsync(media["url"]!.GetValue<string>(), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("med_", media["media_id"]!.GetValue<string>());
        Assert.Equal("small.mp4", media["name"]!.GetValue<string>());
        Assert.Equal(320, media["width"]!.GetValue<int>());
        Assert.InRange(media["duration_ms"]!.GetValue<long>(), 2900, 3100);
        Assert.Equal(0, draft["t"]![0]!["tt"]!.GetValue<int>());
        Assert.Equal(media["media_id"]!.GetValue<string>(), segment["media_id"]!.GetValue<string>());
        Assert.Equal(media["duration_ms"]!.GetValue<long>(), draft["d"]!.GetValue<long>());
        Assert.Equal(await File.ReadAllBytesAsync(clip, TestContext.Current.CancellationToken),
            await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnUnacceptedTypeGets4001()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var text = Path.GetTempFileName();
        await File.WriteAllTextAsync(text, "not a video", TestContext.Current.CancellationToken);

        var (response, body) = await api.UploadAsync(token, sessionId, text, "notes.txt");

        Assert.Equal(415, (int)response.StatusCode);
        Assert.Equal(4001, body["code"]!.GetValue<int>());
        Assert.Contains("mp4", body["message"]!.GetValue<string>());
        File.Delete(text);
    }

    [Fact]
    public async Task AFileOverTheLimitGets4002AndIsNotKept()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxUploadBytes = 50_000);
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, body) = await api.UploadAsync(token, sessionId, await TestClips.SmallAsync());
        var state = await api.StateAsync(token, sessionId);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(4002, body["code"]!.GetValue<int>());
        Assert.Contains("50,000", body["message"]!.GetValue<string>());
        Assert.Empty(state["data"]!["state"]!["video_infos"]!.AsArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.Options.StateDirectory, "media"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AFileThatIsNotMediaGets4003()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var fake = Path.GetTempFileName();
        await File.WriteAllBytesAsync(fake, new byte[4096], TestContext.Current.CancellationToken);

        var (response, body) = await api.UploadAsync(token, sessionId, fake, "holiday.mp4");

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(4003, body["code"]!.GetValue<int>());
        Assert.Contains("holiday.mp4", body["message"]!.GetValue<string>());
        Assert.Contains("not a media file", body["message"]!.GetValue<string>());
        File.Delete(fake);
    }

    [Fact]
    public async Task AnUploadLargerThanKestrelsDefaultBodyLimitIsReadWholeAndProbed()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var big = Path.Combine(server.Options.DataDirectory, "big.bin");
        await using (var file = File.Create(big))
        {
            file.SetLength(40_000_000);
        }

        var (response, body) = await api.UploadAsync(token, sessionId, big, "big.mp4");

        // Kestrel's default limit (30 MB) would answer 413 before the server saw the file; 4003 means it was read and probed.
        Assert.Equal(4003, body["code"]!.GetValue<int>());
        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task UploadingToAnUnknownSessionGets1002()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var token = await api.AnonymousTokenAsync();

        var (_, body) = await api.UploadAsync(token, "ses_missing", await TestClips.SmallAsync());

        Assert.Equal(1002, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task AUrlUploadIsFetchedFromAnotherLoopbackServer()
    {
        var clip = await TestClips.SmallAsync();
        await using var files = await FileHost.StartAsync(clip);
        // The file host is on loopback, which URL uploads reach only when the operator allows private addresses.
        await using var server = await TestServer.StartAsync(options => options.AllowPrivateUrls = true);
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var body = await api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            $$"""{"urls":["{{files.Url}}clips/remote.mp4"],"source_type":"url"}""");
        var missing = await api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            $$"""{"urls":["{{files.Url}}clips/absent.mp4"],"source_type":"url"}""");
        var notHttp = await api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            """{"urls":["file:///etc/passwd.mp4"],"source_type":"url"}""");

        var media = body["data"]!["files"]![0]!;
        Assert.Equal("remote.mp4", media["name"]!.GetValue<string>());
        Assert.Equal(new FileInfo(clip).Length, media["size"]!.GetValue<long>());
        Assert.Equal(4000, missing["code"]!.GetValue<int>());
        Assert.Contains("404", missing["message"]!.GetValue<string>());
        Assert.Equal(4000, notHttp["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task AUrlUploadAnnouncedOverTheLimitGets4002()
    {
        await using var files = await FileHost.StartAsync(await TestClips.SmallAsync());
        await using var server = await TestServer.StartAsync(options =>
        {
            options.MaxUploadBytes = 10_000;
            options.AllowPrivateUrls = true;
        });
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var body = await api.PostJsonAsync($"/api/upload-video/nemo_agent/me/{sessionId}", token,
            $$"""{"urls":["{{files.Url}}clips/remote.mp4"],"source_type":"url"}""");

        Assert.Equal(4002, body["code"]!.GetValue<int>());
        Assert.Contains("remote.mp4", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeveralFilesInOneRequestAreAllStored()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clip = await TestClips.SmallAsync();
        using var content = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(clip)), "files", "one.mp4" },
            { new StreamContent(File.OpenRead(clip)), "files", "two.mov" },
        };
        using var request = server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);

        var body = await api.SendAsync(request);
        var draft = await api.DraftAsync(token, sessionId);

        Assert.Equal(["one.mp4", "two.mov"], body["data"]!["files"]!.AsArray().Select(file => file!["name"]!.GetValue<string>()));
        Assert.Equal("two.mov", draft["t"]![0]!["sg"]![0]!["name"]!.GetValue<string>());
    }
}
