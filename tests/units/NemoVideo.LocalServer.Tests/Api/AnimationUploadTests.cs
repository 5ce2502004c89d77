using NemoVideo.LocalServer.Tests.Compression;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.Api;

/// <summary>Animations in picture formats through the upload: APNG is a video, an animated WebP is refused for what it is.</summary>
public sealed class AnimationUploadTests(StreamLayoutClips clips) : IClassFixture<StreamLayoutClips>
{
    [Fact]
    public async Task An_animated_webp_is_refused_at_upload_as_an_unsupported_animation_not_kept_as_a_0x0_image()
    {
        // A reviewer's Send-NemoVideo took it as an image of 0x0, and only Export failed ("Nothing to export yet").
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (response, body) = await api.UploadAsync(token, sessionId, clips.AnimatedWebp);

        Assert.Equal((422, 4003), ((int)response.StatusCode, body["code"]!.GetValue<int>()));
        Assert.Equal("unsupported_animation", body["data"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_apng_is_stored_as_a_video()
    {
        clips.RequireTools();
        await using var server = await TestServer.StartAsync();
        var api = new RawApi(server);
        var (token, sessionId) = await api.NewSessionAsync();

        var (_, body) = await api.UploadAsync(token, sessionId, clips.Apng);

        Assert.Equal("video", body["data"]!["files"]![0]!["type"]!.GetValue<string>());
    }
}
