using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public sealed class SendHandlerTests : FileSystemTest
{

    [Fact]
    public async Task A_wildcard_uploads_every_match_and_outputs_one_object_per_media_that_binds_onward()
    {
        Directory.File("a.mp4");
        Directory.File("b.mp4");
        Directory.File("notes.txt");

        await Send([new PathArgument("*.mp4", Literal: false)]);

        var media = Host.ObjectsOf<NemoUploadedMedia>().ToList();
        Assert.Equal(["a.mp4", "b.mp4"], media.Select(item => item.Name));
        Assert.All(media, item => Assert.Equal("s1", item.SessionId));
        Assert.Equal(Directory.Combine("a.mp4"), media[0].SourcePath);
    }

    [Fact]
    public async Task Progress_shows_file_i_of_n_with_a_nested_bar_for_the_bytes_and_removes_both()
    {
        Directory.File("a.mp4", 2048);
        Directory.File("b.mp4", 2048);

        await Send([new PathArgument("a.mp4", true), new PathArgument("b.mp4", true)]);

        var parent = Host.Progress.Where(record => record.ActivityId == 1).ToList();
        Assert.Equal(["File 1 of 2: a.mp4", "File 2 of 2: b.mp4", "Done"], parent.Select(record => record.StatusDescription));
        Assert.Equal([0, 50], parent.Take(2).Select(record => record.PercentComplete));
        Assert.True(parent[^1].Completed);

        var bytes = Host.Progress.Where(record => record.ActivityId == 10).ToList();
        Assert.All(bytes, record => Assert.Equal(1, record.ParentActivityId));
        Assert.Contains(bytes, record => record.StatusDescription == "Uploading a.mp4: 1 KiB of 2 KiB" && record.PercentComplete == 50);
        Assert.True(bytes[^1].Completed);
    }

    [Fact]
    public async Task A_path_that_matches_nothing_is_a_non_terminating_error_and_the_rest_still_upload()
    {
        Directory.File("b.mp4");

        await Send([new PathArgument("missing.mp4", true), new PathArgument("b.mp4", true)]);

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Path.NotFound", error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal("missing.mp4", error.TargetObject);
        Assert.Equal("b.mp4", Assert.Single(Host.ObjectsOf<NemoUploadedMedia>()).Name);
    }

    [Fact]
    public async Task An_upload_the_service_rejects_is_reported_with_its_id_and_file_and_the_next_goes_on()
    {
        var bad = Directory.File("bad.mp4");
        Directory.File("good.mp4");
        Client.OnUploadFile = (session, path, _) => path == bad
            ? throw new NemoException(NemoErrorIds.UploadFileTooLarge, NemoErrorCategory.LimitsExceeded, "too large", "Trim or compress it.", path)
            : Task.FromResult<IReadOnlyList<NemoMedia>>([new NemoMedia(session.SessionId, "m2", "good.mp4", null, path, 100, "{}")]);

        await Send([new PathArgument("*.mp4", false)]);

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Upload.FileTooLarge", error.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.Category);
        Assert.Equal(bad, error.TargetObject);
        Assert.Equal("Trim or compress it.", error.RecommendedAction);
        Assert.Equal("good.mp4", Assert.Single(Host.ObjectsOf<NemoUploadedMedia>()).Name);
    }

    [Fact]
    public async Task An_error_about_the_session_still_targets_the_users_file_and_names_the_session()
    {
        var file = Directory.File("clip.mp4");
        Client.OnUploadFile = (session, path, _) =>
            throw new NemoException(NemoErrorIds.SessionNotFound, NemoErrorCategory.ObjectNotFound,
                $"Session '{session.SessionId}' was not found; sessions expire after some idle time. Run Connect-Nemo to open a new session.",
                "Run Connect-Nemo to open a new session.", target: session.SessionId);

        await Send([new PathArgument("clip.mp4", false)]);

        var error = Assert.Single(Host.Errors);
        Assert.Equal(file, error.TargetObject);
        Assert.Contains("Session 's1'", error.Exception.Message);
    }

    [Fact]
    public async Task A_uri_is_uploaded_by_url()
    {
        var handler = new SendHandler(TestConnections.Resolver(Client).For(null), [], [new Uri("https://cdn.example/clip.mp4")], new ManualTimeProvider());

        await handler.ExecuteAsync(Host, CancellationToken.None);

        Assert.Contains("UploadUrl s1 https://cdn.example/clip.mp4", Client.Calls);
        Assert.Equal("https://cdn.example/clip.mp4", Assert.Single(Host.ObjectsOf<NemoUploadedMedia>()).Url);
    }

    private Task Send(IReadOnlyList<PathArgument> paths) =>
        new SendHandler(TestConnections.Resolver(Client).For(null), paths, [], new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
}
