using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public sealed class ExportHandlerTests : FileSystemTest
{

    [Fact]
    public async Task Export_renders_waits_with_progress_and_outputs_the_file_with_its_size()
    {
        await Export(new ExportRequest(null, "out/final.mp4", NoWait: false, Force: false));

        var file = Assert.IsType<NemoExportedFile>(Assert.Single(Host.Objects));
        Assert.Equal(Directory.Combine("out", "final.mp4"), file.FullName);
        Assert.Equal("final.mp4", file.Name);
        Assert.Equal(1000, file.Length);
        Assert.Equal(1000, new FileInfo(file.FullName).Length);
        Assert.Equal("s1", file.SessionId);
        Assert.Equal("render_1", file.RenderId);
        Assert.Contains(Host.Progress, record => record.StatusDescription.StartsWith("Submitting"));
        Assert.True(Host.Progress[^1].Completed);
        Assert.Equal([(Directory.Combine("out", "final.mp4"), "Export session s1")], Host.ShouldProcessCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("render_7")]
    public async Task WhatIf_or_no_at_the_confirm_prompt_renders_nothing_and_writes_nothing(string? renderId)
    {
        Host.ShouldProcessAnswer = false;

        await Export(new ExportRequest(null, "final.mp4", false, false), renderId);

        Assert.Empty(Host.Objects);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render") || call.StartsWith("State") || call.StartsWith("Wait") || call.StartsWith("Download"));
        Assert.False(File.Exists(Directory.Combine("final.mp4")));
    }

    [Fact]
    public async Task An_existing_file_is_not_replaced_without_Force()
    {
        var existing = Directory.File("final.mp4", 7);

        await Export(new ExportRequest(null, "final.mp4", false, false));

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Download.FileExists", error.ErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.Category);
        Assert.Equal(existing, error.TargetObject);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render"));
        Assert.Equal(7, new FileInfo(existing).Length);
    }

    [Fact]
    public async Task Force_replaces_an_existing_file()
    {
        var existing = Directory.File("final.mp4", 7);

        await Export(new ExportRequest(null, "final.mp4", false, Force: true));

        Assert.Empty(Host.Errors);
        Assert.Contains("Download render_1 overwrite=True", Client.Calls);
        Assert.Equal(1000, new FileInfo(existing).Length);
    }

    [Fact]
    public async Task A_destination_folder_is_created_and_the_file_named_after_the_render()
    {
        await Export(new ExportRequest("exports", null, false, false));

        var file = Assert.IsType<NemoExportedFile>(Assert.Single(Host.Objects));
        Assert.Equal(Directory.Combine("exports", "render_1.mp4"), file.FullName);
    }

    [Fact]
    public async Task NoWait_returns_the_running_render()
    {
        await Export(new ExportRequest(null, null, NoWait: true, false));

        var job = Assert.IsType<NemoRenderJob>(Assert.Single(Host.Objects));
        Assert.Equal("render_1", job.RenderId);
        Assert.Equal("Pending", job.Status);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Wait") || call.StartsWith("Download"));
    }

    [Fact]
    public async Task A_session_with_nothing_on_the_timeline_says_there_is_nothing_to_export()
    {
        Client.OnGetState = session => new NemoState(session.SessionId, null, "{}");

        await Export(new ExportRequest(null, "final.mp4", false, false));

        var error = Assert.Single(Host.Errors);
        Assert.Equal("Nemo.Export.NothingToExport", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.Category);
        Assert.Equal("s1", error.TargetObject);
    }

    [Fact]
    public async Task OutFile_with_several_sessions_is_refused_before_anything_runs()
    {
        var handler = new ExportHandler(TestConnections.Resolver(Client), [new("s1", null), new("s2", null)], new ExportRequest(null, "x.mp4", false, false), new ManualTimeProvider());

        var failure = await Assert.ThrowsAsync<CommandTerminatedException>(() => handler.ExecuteAsync(Host, CancellationToken.None));

        Assert.Equal("Nemo.Export.OutFileForManySessions", failure.Error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, failure.Error.Category);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("render_7")]
    public async Task Cancelling_during_the_download_leaves_no_file_behind(string? renderId)
    {
        using var cancellation = new CancellationTokenSource();
        Client.BeforeDownload = token =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        var handler = new ExportHandler(TestConnections.Resolver(Client), [new(null, renderId)], new ExportRequest(null, "final.mp4", false, false), new ManualTimeProvider());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.ExecuteAsync(Host, cancellation.Token));

        Assert.Empty(System.IO.Directory.GetFiles(Directory.Path));
        Assert.Empty(Host.Errors);
        Assert.True(Host.Progress[^1].Completed);
    }

    [Fact]
    public async Task A_RenderId_is_waited_for_and_downloaded_without_submitting_a_render()
    {
        var state = FakeNemoClient.StateWithOneClip("s1");
        Client.OnGetState = _ => state;

        await Export(new ExportRequest(null, "out/final.mp4", false, false), "render_7");

        Assert.Empty(Host.Errors);
        var file = Assert.IsType<NemoExportedFile>(Assert.Single(Host.Objects));
        Assert.Equal(("render_7", "s1"), (file.RenderId, file.SessionId));
        Assert.Equal(1000, new FileInfo(Directory.Combine("out", "final.mp4")).Length);
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render"));
        Assert.Equal(["State s1", "Wait render_7", "Download render_7 overwrite=False"], Client.Calls.Where(call => !call.StartsWith("CreateSession")));
        var waited = Assert.Single(Client.WaitedJobs);
        Assert.Equal(new RenderJob("render_7", "s1", RenderStatus.Pending, 0, null, null, state.Draft!, 1), waited);
        Assert.Contains(Host.Progress, record => record.StatusDescription.StartsWith("Rendering"));
        Assert.True(Host.Progress[^1].Completed);
        Assert.Equal([(Directory.Combine("out", "final.mp4"), "Export render render_7 of session s1")], Host.ShouldProcessCalls);
    }

    [Fact]
    public async Task A_RenderId_of_a_session_without_a_draft_is_still_downloaded_with_a_draft_that_cannot_be_resubmitted()
    {
        Client.OnGetState = session => new NemoState(session.SessionId, null, "{}");

        await Export(new ExportRequest("exports", null, false, false), "render_7");

        Assert.Empty(Host.Errors);
        Assert.Equal(Directory.Combine("exports", "render_7.mp4"), Assert.IsType<NemoExportedFile>(Assert.Single(Host.Objects)).FullName);
        Assert.False(Assert.Single(Client.WaitedJobs).Draft.IsExportable);
    }

    [Fact]
    public async Task A_NoWait_job_piped_back_downloads_that_same_render_in_its_own_session()
    {
        Client.OnGetState = session => FakeNemoClient.StateWithOneClip(session.SessionId);
        var resolver = TestConnections.Resolver(Client);
        await new ExportHandler(resolver, [new("s7", null)], new ExportRequest(null, null, NoWait: true, false), new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
        var job = Assert.IsType<NemoRenderJob>(Assert.Single(Host.Objects));

        var resumeHost = new FakeCommandHost(Directory.Path);
        await new ExportHandler(resolver, [new(job.SessionId, job.RenderId)], new ExportRequest("exports", null, false, false), new ManualTimeProvider()).ExecuteAsync(resumeHost, CancellationToken.None);

        var file = Assert.IsType<NemoExportedFile>(Assert.Single(resumeHost.Objects));
        Assert.Equal((job.RenderId, "s7"), (file.RenderId, file.SessionId));
        Assert.Single(Client.Calls, call => call.StartsWith("Render"));
        Assert.Equal("s7", Assert.Single(Client.WaitedJobs).SessionId);
    }

    [Fact]
    public async Task Several_piped_renders_keep_their_own_sessions()
    {
        await new ExportHandler(TestConnections.Resolver(Client), [new("s7", "render_7"), new("s8", "render_8")], new ExportRequest("exports", null, false, false), new ManualTimeProvider())
            .ExecuteAsync(Host, CancellationToken.None);

        Assert.Equal([("render_7", "s7"), ("render_8", "s8")], Client.WaitedJobs.Select(job => (job.Id, job.SessionId)));
        Assert.Equal([("render_7", "s7"), ("render_8", "s8")], Host.ObjectsOf<NemoExportedFile>().Select(file => (file.RenderId, file.SessionId)));
        Assert.DoesNotContain(Client.Calls, call => call.StartsWith("Render"));
    }

    [Fact]
    public async Task A_RenderId_with_NoWait_is_refused_before_anything_runs()
    {
        var handler = new ExportHandler(TestConnections.Resolver(Client), [new("s1", null), new("s1", "render_7")], new ExportRequest(null, null, NoWait: true, false), new ManualTimeProvider());

        var failure = await Assert.ThrowsAsync<CommandTerminatedException>(() => handler.ExecuteAsync(Host, CancellationToken.None));

        Assert.Equal("Nemo.Export.RenderIdWithNoWait", failure.Error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, failure.Error.Category);
        Assert.Equal("render_7", failure.Error.TargetObject);
        Assert.Empty(Host.ShouldProcessCalls);
        Assert.Equal(["CreateSession en"], Client.Calls);
    }

    private Task Export(ExportRequest request, string? renderId = null) =>
        new ExportHandler(TestConnections.Resolver(Client), [new(null, renderId)], request, new ManualTimeProvider()).ExecuteAsync(Host, CancellationToken.None);
}
