using System.Management.Automation;
using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// The ProgressRecords the engine receives: a command bar (activity 1) with one child bar per item (10, 11, ...
/// parented to 1), every bar ending with a Completed record, the command bar last.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class ProgressTests(LocalModule module)
{
    [Fact]
    public void Send_NemoVideo_shows_a_bar_for_the_command_and_a_child_bar_for_each_file()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke("Send-NemoVideo -Path videos/*.mp4").ThrowIfFailed();

        AssertBars(result.Progress, expectChildren: true);
        Assert.Contains(result.Progress, record => record.ActivityId == 1 && record.StatusDescription.StartsWith("File 2 of 2"));
        Assert.Contains(result.Progress, record => record.ActivityId == 10 && record.ParentActivityId == 1 && record.Activity == "Uploading two.mp4");
    }

    [Fact]
    public void Compress_NemoVideo_gives_parallel_files_bars_of_their_own_under_the_command_bar()
    {
        LocalModule.SkipUnlessFfmpeg();
        var ceiling = new FileInfo(Path.Combine(module.Videos, "one.mp4")).Length / 2;

        var result = module.Runspace.Invoke("Get-ChildItem videos -Filter *.mp4 | Compress-NemoVideo -MaxSize $args[0] -OutputDirectory progress-small -ThrottleLimit 2", ceiling).ThrowIfFailed();

        AssertBars(result.Progress, expectChildren: true);
        var children = result.Progress.Where(record => record.ParentActivityId == 1).Select(record => (record.ActivityId, record.Activity)).Distinct().OrderBy(child => child.ActivityId).ToList();
        Assert.Equal([(10, "Compressing one.mp4"), (11, "Compressing two.mp4")], children);
        Assert.Contains(result.Progress, record => record.ActivityId == 1 && record.StatusDescription == "2 of 2 files done" && record.PercentComplete == 100);
    }

    [Theory]
    [InlineData("Invoke-NemoInstruction 'scale it to 240p'")]
    [InlineData("Invoke-NemoInstruction 'scale it to 240p' | Out-Null; Export-NemoVideo -OutFile progress/exported.mp4 -Force")]
    public void Instructions_and_exports_show_one_command_bar_that_completes(string script)
    {
        LocalModule.SkipUnlessFfmpeg();
        module.Runspace.Invoke("Send-NemoVideo -LiteralPath videos/one.mp4").ThrowIfFailed();

        var result = module.Runspace.Invoke(script).ThrowIfFailed();

        AssertBars(result.Progress, expectChildren: false);
        Assert.All(result.Progress, record => Assert.Equal(-1, record.ParentActivityId));
        if (script.Contains("Export-NemoVideo"))
        {
            Assert.Contains(result.Progress, record => record.StatusDescription.StartsWith("Submitting"));
        }
    }

    private static void AssertBars(IReadOnlyList<ProgressRecord> progress, bool expectChildren)
    {
        Assert.NotEmpty(progress);
        var ids = progress.Select(record => record.ActivityId).Distinct().ToList();
        Assert.Contains(1, ids);
        Assert.Equal(expectChildren, ids.Any(id => id >= 10));
        // Every bar that is opened is closed by a Completed record (a bar id is reused for the next file once closed).
        var open = new HashSet<int>();
        foreach (var record in progress)
        {
            if (record.RecordType == ProgressRecordType.Completed)
            {
                Assert.True(open.Remove(record.ActivityId), $"bar {record.ActivityId} completed without being shown");
            }
            else
            {
                open.Add(record.ActivityId);
            }
        }

        Assert.Empty(open);

        // A child names a parent that is shown, and no bar is still open when the command ends.
        Assert.All(progress.Where(record => record.ParentActivityId != -1), record => Assert.Equal(1, record.ParentActivityId));
        Assert.Equal(1, progress[^1].ActivityId);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }
}
