using System.Text.Json.Nodes;
using NemoVideo.LocalServer.Tests.Compression;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

/// <summary>Issue 9 through the server: what an upload of a real-world file says, and how it renders.</summary>
public sealed class RealWorldUploadTests(RealWorldClips clips) : IClassFixture<RealWorldClips>
{
    [Theory]
    [InlineData("audio-only.mp4", "only audio", "as an audio file")]
    [InlineData("still.mp4", "still image", "as an image")]
    [InlineData("photo.mp4", "still image", "as an image")]
    [InlineData("truncated.mp4", "'moov' box) is missing", "Copy it again")]
    [InlineData("notes.mp4", "not a media file", "renamed")]
    public async Task A_file_that_is_not_a_video_is_refused_at_upload_for_what_it_is(string name, string what, string advice)
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, body) = await api.UploadAsync(token, sessionId, Path.Combine(clips.Directory, name));
        var state = await api.StateAsync(token, sessionId);
        var message = body["message"]!.GetValue<string>();

        Assert.Equal((422, 4003), ((int)response.StatusCode, body["code"]!.GetValue<int>()));
        Assert.StartsWith($"'{name}'", message);
        Assert.Contains(what, message);
        Assert.Contains(advice, message);
        Assert.DoesNotContain(".part", message);
        Assert.DoesNotContain(server.Options.DataDirectory, message);
        Assert.Empty(state["data"]!["state"]!["draft"]!["t"]!.AsArray());
    }

    [Fact]
    public async Task A_clip_whose_timestamps_start_at_10_s_lasts_4_s_and_keeps_its_last_2_seconds()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (_, upload) = await api.UploadAsync(token, sessionId, clips.LateStart);
        await api.RunAsync(token, sessionId, "keep the last 2 seconds");
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_last2");
        var done = await api.WaitForRenderAsync(token, "render_last2");
        var output = await Download(server, done);

        Assert.InRange(upload["data"]!["files"]![0]!["duration_ms"]!.GetValue<long>(), 3900, 4100);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.InRange((await Ffprobe.ProbeAsync(output)).DurationSeconds(), 1.85, 2.15);
    }

    [Fact]
    public async Task A_render_of_an_mkv_with_a_thumbnail_track_encodes_the_main_video_and_its_job_says_which_stream()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        await api.UploadAsync(token, sessionId, clips.ThumbnailTrack);
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_thumb");
        var done = await api.WaitForRenderAsync(token, "render_thumb");
        var output = await Download(server, done);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var note = Assert.Single(done["notes"]!.AsArray())!.GetValue<string>();
        Assert.Contains("encoded stream #0 (640x360", note);
        Assert.Equal(note, Assert.Single(done["data"]!["notes"]!.AsArray())!.GetValue<string>());
        Assert.InRange((await Ffprobe.ProbeAsync(output)).DurationSeconds(), 5.8, 6.2);
    }

    [Fact]
    public async Task A_media_recorder_webm_without_duration_is_accepted_and_renders()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, upload) = await api.UploadAsync(token, sessionId, clips.Recorder);
        await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_webm");
        var done = await api.WaitForRenderAsync(token, "render_webm");
        var output = await Download(server, done);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.InRange(upload["data"]!["files"]![0]!["duration_ms"]!.GetValue<long>(), 2900, 3100);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.InRange((await Ffprobe.ProbeAsync(output)).DurationSeconds(), 2.85, 3.15);
    }

    [Fact]
    public async Task An_audio_upload_is_accepted_as_audio_but_an_export_says_there_is_no_video_before_any_encode()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();
        var (response, _) = await api.UploadAsync(token, sessionId, clips.AudioOnly, "song.m4a");

        var refused = await api.SubmitRenderAsync(token, sessionId, await api.DraftAsync(token, sessionId), "render_audio");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(4000, refused["code"]!.GetValue<int>());
        Assert.Contains("'song.m4a' is an audio-only file: there is nothing to compress as video", refused["message"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(server.Options.DataDirectory, "renders")));
    }

    private static async Task<string> Download(TestServer server, JsonNode done)
    {
        var path = Path.Combine(server.Options.DataDirectory, "downloaded-" + Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllBytesAsync(path, await server.Http.GetByteArrayAsync(done["output"]!["url"]!.GetValue<string>(),
            TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        return path;
    }
}
