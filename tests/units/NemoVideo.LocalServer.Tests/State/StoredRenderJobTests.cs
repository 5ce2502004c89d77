using NemoVideo.LocalServer.Rendering;
using NemoVideo.LocalServer.State;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.State;

/// <summary>A finished render's notes and warnings are part of its answer, so a restart must give them back unchanged.</summary>
public sealed class StoredRenderJobTests : IDisposable
{
    private readonly string _data = TestServer.NewDataDirectory();

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public void NotesAndWarningsOfAFinishedRenderSurviveTheDatabase()
    {
        var folder = Path.Combine(_data, "state");
        Directory.CreateDirectory(folder);
        var job = new RenderJob("render_1", "session_1", "client_1", "mp4");
        string[] notes = ["Encoded video stream #1 (the main one); stream #2 left out.", "A cover picture was left out."];
        string[] warnings = ["Encoded video stream #1 (the main one); stream #2 left out."];
        using (var store = new SqliteStateStore(folder))
        {
            store.AddRenderJob(new StoredRenderJob(0, job, "media_1", "{}"));
            job.Complete(Path.Combine(folder, "out.mp4"), 1234, DateTimeOffset.UnixEpoch, notes, warnings);
            store.UpdateRenderJob(job);
        }

        using var reopened = new SqliteStateStore(folder);
        var restored = Assert.Single(reopened.Load().RenderJobs).Job;

        Assert.Equal(RenderStatus.Completed, restored.Status);
        Assert.Equal(notes, restored.Notes);
        Assert.Equal(warnings, restored.Warnings);
    }
}
