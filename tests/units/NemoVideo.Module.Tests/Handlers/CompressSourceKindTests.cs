using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Issue 9: files that are not videos are refused per file for what they are; render notes reach the user.</summary>
public sealed class CompressSourceKindTests : FileSystemTest
{
    [Fact]
    public async Task Audio_and_picture_types_are_refused_before_any_session_or_upload_and_the_video_goes_on()
    {
        var song = Directory.File("videos/song.mp3");
        var photo = Directory.File("videos/photo.JPG");
        Directory.File("videos/clip.mp4");

        await Compress("videos/*");

        var errors = Host.Errors.ToDictionary(error => Path.GetFileName((string)error.TargetObject!));
        Assert.Equal(("Nemo.Media.AudioOnly", ErrorCategory.InvalidType), (errors["song.mp3"].ErrorId, errors["song.mp3"].Category));
        Assert.Equal(("Nemo.Media.StillImage", ErrorCategory.InvalidType), (errors["photo.JPG"].ErrorId, errors["photo.JPG"].Category));
        Assert.Equal(song, errors["song.mp3"].TargetObject);
        Assert.Contains("ffmpeg -i in.wav", errors["song.mp3"].RecommendedAction);
        var results = Host.ObjectsOf<NemoCompressionResult>().ToDictionary(result => Path.GetFileName(result.Input));
        Assert.Equal([CompressionStatus.Failed, CompressionStatus.Failed, CompressionStatus.Compressed],
            new[] { "song.mp3", "photo.JPG", "clip.mp4" }.Select(name => results[name].Status));
        Assert.DoesNotContain(Client.Calls, call => call.Contains("song.mp3") || call.Contains("photo.JPG"));
        Assert.Single(Client.Calls, call => call.StartsWith("Instruction "));
        Assert.False(File.Exists(photo + ".mp4"));
    }

    [Theory]
    [InlineData("audio", "Nemo.Media.AudioOnly")]
    [InlineData("image", "Nemo.Media.StillImage")]
    public async Task A_file_the_service_stored_as_audio_or_an_image_is_refused_before_the_instruction(string mediaType, string errorId)
    {
        var gif = Directory.File("videos/sticker.gif");
        Client.OnUploadFile = (session, path, _) => Task.FromResult<IReadOnlyList<NemoMedia>>(
            [new NemoMedia(session.SessionId, "m", Path.GetFileName(path), null, path, 100, "{}") { MediaType = mediaType }]);

        await Compress("videos/sticker.gif");

        var error = Assert.Single(Host.Errors);
        Assert.Equal((errorId, gif), (error.ErrorId, error.TargetObject));
        Assert.Equal(CompressionStatus.Failed, Assert.Single(Host.ObjectsOf<NemoCompressionResult>()).Status);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Instruction ") || call.StartsWith("Render "));
        Assert.False(File.Exists(Directory.Combine("small", ".nemovideo-journal.json")) && File.ReadAllText(Directory.Combine("small", ".nemovideo-journal.json")).Contains("sticker.gif"));
    }

    [Fact]
    public async Task Render_warnings_are_warnings_other_notes_are_verbose_and_all_are_on_the_result()
    {
        Directory.File("videos/cut.mkv");
        Client.OnWaitForRender = (job, _) => Task.FromResult(job with
        {
            Status = RenderStatus.Completed,
            Progress = 1,
            OutputUrl = "http://127.0.0.1/files/x.mp4",
            Notes = ["Resolution chosen by measurement.", "Only 3.0 s of the recording's 6.0 s could be read."],
            Warnings = ["Only 3.0 s of the recording's 6.0 s could be read."],
        });

        await Compress("videos/cut.mkv");

        var result = Assert.Single(Host.ObjectsOf<NemoCompressionResult>());
        Assert.Equal(["Resolution chosen by measurement.", "Only 3.0 s of the recording's 6.0 s could be read."], result.Notes);
        Assert.Equal(["cut.mkv: Only 3.0 s of the recording's 6.0 s could be read."], Host.Warnings);
        Assert.Contains("cut.mkv: Resolution chosen by measurement.", Host.Verbose);
        Assert.DoesNotContain(Host.Verbose, line => line.Contains("could be read"));
    }

    [Fact]
    public async Task Export_shows_the_render_warnings_and_keeps_all_notes_on_the_file()
    {
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId);
        Client.OnWaitForRender = (job, _) => Task.FromResult(job with
        {
            Status = RenderStatus.Completed,
            Progress = 1,
            OutputUrl = "http://127.0.0.1/files/x.mp4",
            Notes = ["The source has 2 video streams; encoded stream #2."],
            Warnings = ["The source has 2 video streams; encoded stream #2."],
        });

        await new ExportHandler(TestConnections.Resolver(Client), [new("s1", null)], new ExportRequest(null, "final.mp4", false, false), new ManualTimeProvider())
            .ExecuteAsync(Host, CancellationToken.None);

        var file = Assert.Single(Host.ObjectsOf<NemoExportedFile>());
        Assert.Equal(["The source has 2 video streams; encoded stream #2."], file.Notes);
        Assert.Equal(["final.mp4: The source has 2 video streams; encoded stream #2."], Host.Warnings);
    }

    private Task Compress(string path) =>
        new CompressHandler(TestConnections.Open(Client),
            new CompressRequest([new PathArgument(path, Literal: false)], 50_000_000, "small", null, false, Force: false, CompressRequest.DefaultThrottleLimit, "en"),
            new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
}
