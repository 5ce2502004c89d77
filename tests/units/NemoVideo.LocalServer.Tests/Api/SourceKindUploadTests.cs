using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Compression;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

/// <summary>Issue 9 through the server: the kind of a refused upload, GIFs, transport streams and cut-off recordings.</summary>
public sealed class SourceKindUploadTests(SourceKindClips kinds, RealWorldClips clips) : IClassFixture<SourceKindClips>, IClassFixture<RealWorldClips>
{
    [Theory]
    [InlineData("audio-only.mp4", "audio_only")]
    [InlineData("still.mp4", "still_image")]
    [InlineData("photo.mp4", "still_image")]
    [InlineData("truncated.mp4", "truncated")]
    [InlineData("notes.mp4", "not_media")]
    public async Task A_refused_upload_names_what_the_file_is_in_data_problem(string name, string problem)
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, body) = await api.UploadAsync(token, sessionId, Path.Combine(clips.Directory, name));

        Assert.Equal((422, 4003), ((int)response.StatusCode, body["code"]!.GetValue<int>()));
        Assert.Equal(problem, body["data"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_animated_gif_is_stored_as_a_video_and_renders_to_h264_but_a_one_frame_gif_stays_an_image()
    {
        kinds.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var (_, still) = await api.UploadAsync(token, sessionId, kinds.StillGif);
        var (_, animated) = await api.UploadAsync(token, sessionId, kinds.AnimatedGif);

        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_gif");
        var done = await api.WaitForRenderAsync(token, "render_gif");

        Assert.Equal("image", still["data"]!["files"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("video", animated["data"]!["files"]![0]!["type"]!.GetValue<string>());
        Assert.InRange(animated["data"]!["files"]![0]!["duration_ms"]!.GetValue<long>(), 1900, 2100);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var output = await Ffprobe.ProbeAsync(await Download(server, done));
        Assert.Equal("h264", output.Streams("video").Single()["codec_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transport_stream_is_accepted_as_video_and_renders()
    {
        kinds.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, upload) = await api.UploadAsync(token, sessionId, kinds.TransportStream);
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_ts");
        var done = await api.WaitForRenderAsync(token, "render_ts");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("video", upload["data"]!["files"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.InRange((await Ffprobe.ProbeAsync(await Download(server, done))).DurationSeconds(), 2.85, 3.15);
    }

    [Fact]
    public async Task A_cut_off_recording_is_stored_with_its_readable_length_and_its_render_warns()
    {
        kinds.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (_, upload) = await api.UploadAsync(token, sessionId, kinds.CutMkv);
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_cut");
        var done = await api.WaitForRenderAsync(token, "render_cut");

        Assert.InRange(upload["data"]!["files"]![0]!["duration_ms"]!.GetValue<long>(), 2000, 3800);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var warning = Assert.Single(done["warnings"]!.AsArray())!.GetValue<string>();
        Assert.Contains("of the recording's 6.0 s could be read", warning);
        Assert.Contains(warning, done["notes"]!.AsArray().Select(note => note!.GetValue<string>()));
        Assert.Equal(warning, Assert.Single(done["data"]!["warnings"]!.AsArray())!.GetValue<string>());
    }

    private static async Task<string> Download(TestServer server, JsonNode done)
    {
        var path = Path.Combine(server.Options.DataDirectory, "downloaded-" + Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllBytesAsync(path, await server.Http.GetByteArrayAsync(done["output"]!["url"]!.GetValue<string>(),
            TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        return path;
    }
}
