using System.Net;
using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>Issue 9: a file that is not a video is refused for what it is; MPEG-TS gets the remux command; render notes reach the caller.</summary>
public class MediaKindTests
{
    private const string Upload = TestClient.Api + "api/upload-video/nemo_agent/me/sess-1";
    private const string Submit = TestClient.Api + "api/render/proxy/lambda";

    [Theory]
    [InlineData("audio_only", "Nemo.Media.AudioOnly", NemoErrorCategory.InvalidType, "re-encode it")]
    [InlineData("still_image", "Nemo.Media.StillImage", NemoErrorCategory.InvalidType, "image")]
    [InlineData("truncated", "Nemo.Media.Truncated", NemoErrorCategory.InvalidData, "Copy it again from the original")]
    [InlineData("not_media", "Nemo.Media.NotMedia", NemoErrorCategory.InvalidData, "renamed")]
    [InlineData("no_video", "Nemo.Media.NoVideo", NemoErrorCategory.InvalidType, "compress the video these subtitles belong to")]
    [InlineData("unsupported_animation", "Nemo.Media.UnsupportedAnimation", NemoErrorCategory.InvalidType, "magick in.webp out.gif")]
    [InlineData(null, "Nemo.Upload.UnreadableMedia", NemoErrorCategory.InvalidData, "re-encode")]
    public async Task A4003NamingWhatTheFileIsBecomesTheErrorOfThatKindAboutTheFile(string? problem, string errorId, NemoErrorCategory category, string advice)
    {
        using var test = new TestClient();
        var path = test.Folder.Write("clip.mp4", [1, 2, 3]);
        var data = problem is null ? "null" : $$"""{"problem":"{{problem}}"}""";
        test.On(HttpMethod.Post, Upload, _ => Responses.Json($$"""{"code":4003,"message":"'clip.mp4' cannot be used as a video.","data":{{data}}}""", HttpStatusCode.UnprocessableEntity));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal((errorId, category, 4003), (error.ErrorId, error.Category, error.ApiCode));
        Assert.Equal(Path.GetFullPath(path), error.Target);
        Assert.Contains(advice, error.Message);
        Assert.DoesNotContain("later", error.Message);
        Assert.Single(test.SeenAt("/api/upload-video/nemo_agent/me/sess-1"));
    }

    /// <summary>A fresh review: every cut-off file was told it lacked its MP4 index and to try untrunc, a faststart file cut
    /// in its index and an MKV cut after its header included; the service's own words say which it is.</summary>
    [Fact]
    public async Task ACutOffFileIsToldWhatTheServiceFoundWhereItEnds()
    {
        using var test = new TestClient();
        var path = test.Folder.Write("download.mkv", [1, 2, 3]);
        test.On(HttpMethod.Post, Upload, _ => Responses.Json(
            """{"code":4003,"message":"'download.mkv' cannot be compressed as a video: the file ends before its pictures: its header describes 8.0 s, but not even two of its pictures can be read.","data":{"problem":"truncated"}}""",
            HttpStatusCode.UnprocessableEntity));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Media.Truncated", error.ErrorId);
        Assert.Contains("The service says: 'download.mkv' cannot be compressed as a video: the file ends before its pictures", error.Message);
        Assert.DoesNotContain("was written", error.Message);
    }

    [Theory]
    [InlineData("capture.ts")]
    [InlineData("camera.M2TS")]
    [InlineData("camera.mts")]
    public async Task ATransportStreamIsRefusedBeforeSendingWithTheRemuxCommand(string name)
    {
        using var test = new TestClient();
        var path = test.Folder.Write(name, [0x47, 1, 2]);

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal(("Nemo.Upload.UnsupportedType", NemoErrorCategory.InvalidType), (error.ErrorId, error.Category));
        Assert.Contains($"ffmpeg -i \"{Path.GetFullPath(path)}\" -c copy \"{Path.ChangeExtension(Path.GetFullPath(path), ".mp4")}\"", error.RecommendedAction);
        Assert.Contains("Connect-Nemo -Local", error.RecommendedAction);
        Assert.Empty(test.Seen);
    }

    [Fact]
    public async Task AServerThatTakesTransportStreamsGetsThemAsVideoMp2t()
    {
        using var test = new TestClient(acceptsTransportStreams: true);
        var path = test.Folder.Write("capture.ts", [0x47, 1, 2]);
        string? contentType = null;
        test.On(HttpMethod.Post, Upload, request =>
        {
            contentType = ((MultipartFormDataContent)request.Content!).Single().Headers.ContentType?.MediaType;
            return Responses.Ok("""{"files":[{"media_id":"m-1","name":"capture.ts","type":"video"}]}""");
        });

        var media = Assert.Single(await test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal("video/mp2t", contentType);
        Assert.Equal("video", media.MediaType);
    }

    [Theory]
    [InlineData("""{"files":[{"media_id":"m-1","name":"a.mp3","type":"audio"}]}""", "audio")]
    [InlineData("""{"media_id":"m-1","name":"a.png","media_type":"image"}""", "image")]
    [InlineData("""{"media_id":"m-1","name":"a.mp4"}""", null)]
    public async Task TheUploadAnswerSaysWhatKindOfMediaWasStored(string answer, string? kind)
    {
        using var test = new TestClient();
        var path = test.Folder.Write("a.mp4", [1]);
        test.On(HttpMethod.Post, Upload, _ => Responses.Ok(answer));

        var media = Assert.Single(await test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal(kind, media.MediaType);
    }

    [Theory]
    [InlineData("song.mp3", "Nemo.Media.AudioOnly")]
    [InlineData("voice.WAV", "Nemo.Media.AudioOnly")]
    [InlineData("slide.png", "Nemo.Media.StillImage")]
    [InlineData("photo.jpeg", "Nemo.Media.StillImage")]
    [InlineData("clip.mp4", null)]
    [InlineData("dance.gif", null)]
    public void ACompressionRefusesAudioAndPictureTypesByTheirExtension(string name, string? errorId)
    {
        Assert.Equal(errorId, MediaRefusal.ForCompressionByExtension(Path.Combine("/videos", name))?.ErrorId);
    }

    [Fact]
    public async Task TheRenderNotesAndWarningsReachTheDownload()
    {
        using var test = new TestClient();
        test.OnState(Drafts.State(Drafts.OneVideo));
        var draft = (await test.Client.GetStateAsync(test.Session, TestContext.Current.CancellationToken)).Draft!;
        test.On(HttpMethod.Post, Submit, _ => Responses.Json("""{"status":"pending"}"""));
        test.On(HttpMethod.Get, Submit + "/*", _ => Responses.Json("""
            {"status":"completed","output":{"url":"https://cdn.test/o.mp4"},
             "notes":["Chose 640x360.","Only 3.0 s of the recording's 6.0 s could be read."],
             "warnings":["Only 3.0 s of the recording's 6.0 s could be read."]}
            """));
        test.On(HttpMethod.Get, "https://cdn.test/o.mp4", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) });
        var job = await test.Client.SubmitRenderAsync(test.Session, draft, TestContext.Current.CancellationToken);

        var done = await test.Client.WaitForRenderAsync(test.Session, job, null, TestContext.Current.CancellationToken);
        var download = await test.Client.DownloadAsync(done, test.Folder.File("o.mp4"), false, null, TestContext.Current.CancellationToken);

        Assert.Equal(["Chose 640x360.", "Only 3.0 s of the recording's 6.0 s could be read."], download.Notes);
        Assert.Equal(["Only 3.0 s of the recording's 6.0 s could be read."], download.Warnings);
    }
}
