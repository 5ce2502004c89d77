using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

/// <summary>Issue 9's second review: every error says what to do in its message, and render notes name the file they are about.</summary>
public sealed class AdviceAndLabelTests : FileSystemTest
{
    [Fact]
    public void A_module_error_message_ends_with_its_advice()
    {
        var error = ErrorMapper.Create("Nemo.Test.Id", ErrorCategory.InvalidArgument, "x", "Something is wrong", "Do this instead.");

        Assert.Equal("Something is wrong. Do this instead.", error.Exception.Message);
        Assert.Equal("Do this instead.", error.RecommendedAction);
    }

    [Fact]
    public async Task A_folder_among_the_inputs_says_what_to_do_in_its_message()
    {
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("videos", "sub")).FullName;

        await Compress(new PathArgument(folder, Literal: true));

        Assert.Contains("Get-ChildItem -LiteralPath", Assert.Single(Host.Errors).Exception.Message);
    }

    [Fact]
    public async Task Two_inputs_with_the_same_name_say_how_to_compress_the_second()
    {
        Directory.File("one/clip.mp4");
        var second = Directory.File("two/clip.mp4");

        await Compress(new PathArgument(Directory.Combine("one", "clip.mp4"), true), new PathArgument(second, true));

        var message = Assert.Single(Host.Errors).Exception.Message;
        Assert.Contains(Directory.Combine("one", "clip.mp4") + " already writes", message);
        Assert.Contains("-OutputDirectory '", message);
        Assert.Contains("rename one of the sources", message);
    }

    [Fact]
    public async Task A_file_refused_for_its_kind_claims_no_output_name_and_each_file_gets_its_own_error()
    {
        // still.png is refused as a picture before anything runs; still.mp4 must not be told another input writes still.mp4.
        var picture = Directory.File("in/still.png");
        var video = Directory.File("in/still.mp4");

        await Compress(new PathArgument(picture, true), new PathArgument(video, true));

        var error = Assert.Single(Host.Errors);
        Assert.Equal(("Nemo.Media.StillImage", (object?)picture), (error.ErrorId, error.TargetObject));
        Assert.Contains(Host.ObjectsOf<NemoCompressionResult>(), result => result.Input == video && result.Status == CompressionStatus.Compressed);
    }

    [Fact]
    public async Task A_source_over_the_upload_limit_is_not_told_to_use_Compress_NemoVideo_first()
    {
        var big = Directory.File("videos/big.mp4");
        Client.OnUploadFile = (_, path, _) => throw new NemoException(NemoErrorIds.UploadFileTooLarge, NemoErrorCategory.LimitsExceeded,
            $"'{path}' is larger than the 500 MB the service accepts a file. Trim or compress it below 500 MB first (Compress-NemoVideo, or ffmpeg), then upload again.",
            "Trim or compress it below 500 MB first (Compress-NemoVideo, or ffmpeg), then upload again.", path);

        await Compress(new PathArgument(big, true));

        var error = Assert.Single(Host.Errors);
        Assert.Equal((NemoErrorIds.UploadFileTooLarge, (object?)big), (error.ErrorId, error.TargetObject));
        Assert.DoesNotContain("(Compress-NemoVideo, or ffmpeg)", error.Exception.Message);
        Assert.Contains("is larger than the 500 MB", error.Exception.Message);
        Assert.Contains("ffmpeg -i \"" + big + "\"", error.Exception.Message);
        Assert.Equal(error.RecommendedAction, error.Exception.Message[^error.RecommendedAction!.Length..]);
    }

    [Fact]
    public async Task Export_to_a_folder_labels_warnings_with_the_downloaded_file_not_the_folder()
    {
        var folder = System.IO.Directory.CreateDirectory(Directory.Combine("exports")).FullName;
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId);
        Client.OnWaitForRender = (job, _) => Task.FromResult(job with
        {
            Status = RenderStatus.Completed,
            Progress = 1,
            OutputUrl = "http://127.0.0.1/files/x.mp4",
            Warnings = ["The source has 2 audio streams; kept stream #1."],
        });

        await new ExportHandler(TestConnections.Resolver(Client), [new("s1", null)], new ExportRequest(folder, null, false, false), new ManualTimeProvider())
            .ExecuteAsync(Host, CancellationToken.None);

        var file = Assert.Single(Host.ObjectsOf<NemoExportedFile>());
        Assert.Equal([$"{file.Name}: The source has 2 audio streams; kept stream #1."], Host.Warnings);
        Assert.DoesNotContain("exports:", Host.Warnings[0]);
    }

    private Task Compress(params PathArgument[] inputs) =>
        new CompressHandler(TestConnections.Open(Client),
            new CompressRequest(inputs, 50_000_000, "small", null, false, Force: false, CompressRequest.DefaultThrottleLimit, "en"),
            new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
}

/// <summary>Issue 9's second review: a render refused at export is an error about the user's video.</summary>
public sealed class RenderFailureTargetTests : FileSystemTest
{
    [Fact]
    public async Task A_refused_render_has_the_source_video_as_its_target_and_still_names_the_render()
    {
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId);
        Client.OnWaitForRender = (job, _) => throw new NemoException(NemoErrorIds.ExportRenderRefused, NemoErrorCategory.InvalidData,
            $"Render {job.Id} failed for a reason a resubmission would not change: the trim window has no video frames.", "Change the trim.", job.Id);

        await new ExportHandler(TestConnections.Resolver(Client), [new("s1", null)], new ExportRequest(null, "final.mp4", false, false), new ManualTimeProvider())
            .ExecuteAsync(Host, CancellationToken.None);

        var error = Assert.Single(Host.Errors);
        Assert.Equal((NemoErrorIds.ExportRenderRefused, (object?)"clip.mp4"), (error.ErrorId, error.TargetObject));
        Assert.Contains("Render render_", error.Exception.Message);
    }
}
