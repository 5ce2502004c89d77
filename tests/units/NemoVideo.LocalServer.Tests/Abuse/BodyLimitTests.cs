using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>Request bodies are bounded: JSON at 1 MB everywhere, multipart parts checked; every refusal is an envelope.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class BodyLimitTests
{
    [Theory]
    [InlineData("/api/tasks/me/with-session/nemo_agent")]
    [InlineData("/api/auth/claim-token")]
    [InlineData("/run_sse")]
    [InlineData("/api/render/proxy/lambda")]
    [InlineData("/api/upload-video/nemo_agent/me/{session}")]
    public async Task AJsonBodyOverOneMegabyteGets413WithTheEnvelopeOnEveryPath(string path)
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var json = "{\"session_id\":\"" + new string('a', 2_000_000) + "\"}";
        using var request = server.Request(HttpMethod.Post, path.Replace("{session}", sessionId), token,
            new StringContent(json, Encoding.UTF8, "application/json"));
        // As curl does for large bodies: the answer can then arrive before the body is sent.
        request.Headers.ExpectContinue = true;

        var (status, body) = await api.ExchangeAsync(request);

        Assert.Equal(413, status);
        Assert.Equal(413, body["code"]!.GetValue<int>());
        Assert.Contains("1,000,000-byte limit", body["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStreamedJsonBodyOfFourHundredMegabytesIsRefusedAtTheLimitAndMemoryStaysFlat(bool chunked)
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var before = Measure.LiveBytes();

        // A client that just keeps sending (no Expect: 100-continue), over a raw socket so the test sees exactly
        // what the server answers and when it stops reading.
        var (status, body, sent) = await RawUpload.SendJsonAsync(server.Url, $"/api/upload-video/nemo_agent/me/{sessionId}", token, 400_000_000, chunked);
        var after = Measure.LiveBytes();
        var stillServing = await api.StateAsync(token, sessionId);

        Measure.Report($"400 MB JSON body ({(chunked ? "chunked" : "with Content-Length")}): sent {Measure.Mb(sent)} before the server answered and closed; memory {Measure.Mb(before)} -> {Measure.Mb(after)}");
        Assert.Equal(413, status);
        Assert.Equal(413, body["code"]!.GetValue<int>());
        Assert.Equal(0, stillServing["code"]!.GetValue<int>());
        Assert.True(sent < 100_000_000, $"The client could send {sent:N0} bytes before the answer.");
        Assert.True(after - before < 30_000_000, $"Memory grew from {before:N0} to {after:N0} bytes.");
    }

    [Fact]
    public async Task AMultipartPartWithThousandsOfHeadersGets400WithTheEnvelopeAndKeepsNothing()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var body = new StringBuilder("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.mp4\"\r\n");
        for (var i = 0; i < 5000; i++)
        {
            body.Append("X-Filler-").Append(i).Append(": y\r\n");
        }

        body.Append("\r\ndata\r\n--b--\r\n");
        var content = new StringContent(body.ToString(), Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var request = server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);

        var (status, answer) = await api.ExchangeAsync(request);
        var state = await api.StateAsync(token, sessionId);

        Assert.Equal(400, status);
        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("multipart body is malformed", answer["message"]!.GetValue<string>());
        Assert.Empty(state["data"]!["state"]!["video_infos"]!.AsArray());
    }

    [Fact]
    public async Task TwentyOneFilesInOneUploadGetAnErrorAndNothingIsKept()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var clip = await File.ReadAllBytesAsync(await TestClips.SmallAsync(), TestContext.Current.CancellationToken);
        using var content = new MultipartFormDataContent();
        for (var i = 0; i < 21; i++)
        {
            content.Add(new ByteArrayContent(clip), "files", $"clip{i}.mp4");
        }

        using var request = server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);
        var (status, answer) = await api.ExchangeAsync(request);
        var state = await api.StateAsync(token, sessionId);
        var kept = Directory.Exists(Path.Combine(server.Options.StateDirectory, "media"))
            ? Directory.EnumerateFiles(Path.Combine(server.Options.StateDirectory, "media"), "*", SearchOption.AllDirectories).Count()
            : 0;

        Measure.Report($"21-file upload: files kept {kept}, session uploads {state["data"]!["state"]!["video_infos"]!.AsArray().Count}");
        Assert.Equal(400, status);
        Assert.Equal(4000, answer["code"]!.GetValue<int>());
        Assert.Contains("nothing was kept", answer["message"]!.GetValue<string>());
        Assert.Empty(state["data"]!["state"]!["video_infos"]!.AsArray());
        Assert.Equal(0, kept);
    }

    [Fact]
    public async Task ABadFileAfterAGoodOneInTheSameUploadKeepsNeither()
    {
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(await TestClips.SmallAsync(), TestContext.Current.CancellationToken)), "files", "good.mp4" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes("not a video")), "files", "bad.mp4" },
        };
        using var request = server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);

        var (status, _) = await api.ExchangeAsync(request);
        var state = await api.StateAsync(token, sessionId);

        Assert.Equal(422, status);
        Assert.Empty(state["data"]!["state"]!["video_infos"]!.AsArray());
    }
}
