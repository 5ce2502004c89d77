using System.Management.Automation;
using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// The ErrorRecords users and scripts see, as the real engine builds them from the cmdlets: FullyQualifiedErrorId
/// (our stable id plus the cmdlet class), CategoryInfo (category, activity, target), TargetObject (the user's file,
/// session or render), and the RecommendedAction that says what to do.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class ErrorRecordTests(LocalModule module)
{
    public static TheoryData<string, string, string, ErrorCategory, string, string?> Failures => new()
    {
        // script, cmdlet, error id, category, target ({work}: the scratch folder), recommended action contains
        { "Send-NemoVideo -Path nothing/here.mp4", "Send-NemoVideo", "Nemo.Path.NotFound", ErrorCategory.ObjectNotFound, "nothing/here.mp4", "wildcard" },
        { "Send-NemoVideo -LiteralPath notes.txt", "Send-NemoVideo", "Nemo.Upload.UnsupportedType", ErrorCategory.InvalidType, "{work}/notes.txt", null },
        { "Invoke-NemoInstruction 'export the video'", "Invoke-NemoInstruction", "Nemo.Instruction.Routed", ErrorCategory.InvalidOperation, "export the video", "Export-NemoVideo" },
        { "Get-NemoState -SessionId sess_not_there", "Get-NemoState", "Nemo.Session.NotFound", ErrorCategory.ObjectNotFound, "sess_not_there", null },
        { "Set-Content exists.mp4 'old'; Export-NemoVideo -OutFile exists.mp4", "Export-NemoVideo", "Nemo.Download.FileExists", ErrorCategory.ResourceExists, "{work}/exists.mp4", "-Force" },
        { "Export-NemoVideo -RenderId render_1 -NoWait", "Export-NemoVideo", "Nemo.Export.RenderIdWithNoWait", ErrorCategory.InvalidArgument, "render_1", "-NoWait" },
        { "Compress-NemoVideo -LiteralPath notes.txt -MaxSize 1MB -OutputDirectory small-notes", "Compress-NemoVideo", "Nemo.Upload.UnsupportedType", ErrorCategory.InvalidType, "{work}/notes.txt", null },
        { "Compress-NemoVideo -Path videos/one.mp4 -MaxSize 1MB -OutputDirectory videos", "Compress-NemoVideo", "Nemo.Compress.OutputIsInput", ErrorCategory.InvalidArgument, "{work}/videos/one.mp4", "-OutputDirectory" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_an_ErrorRecord_with_id_category_target_and_advice(string script, string cmdlet, string errorId, ErrorCategory category, string target, string? advice)
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke(script);

        AssertRecord(result.TheError, cmdlet, errorId, category, target.Replace("{work}", module.Work), advice);
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void Commands_that_need_a_connection_say_so_when_there_is_none()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var fresh = new ModuleRunspace(module.Work);

        foreach (var (script, cmdlet) in new[]
        {
            ("Get-NemoCredit", "Get-NemoCredit"), ("Get-NemoState", "Get-NemoState"), ("Send-NemoVideo videos/one.mp4", "Send-NemoVideo"),
            ("Invoke-NemoInstruction 'trim it'", "Invoke-NemoInstruction"), ("Export-NemoVideo", "Export-NemoVideo"),
        })
        {
            var result = fresh.Invoke(script);
            var record = result.TheError;
            Assert.Equal($"Nemo.Connection.NotConnected,NemoVideo.Module.Commands.{cmdlet.Replace("-", string.Empty)}Command", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
            Assert.Contains("Connect-Nemo", record.ErrorDetails?.RecommendedAction ?? record.Exception.Message);
        }

        // Nothing to show or close is not an error: a note on the verbose stream only.
        foreach (var script in new[] { "Get-NemoContext -Verbose", "Disconnect-Nemo -Verbose" })
        {
            var quiet = fresh.Invoke(script);
            Assert.Empty(quiet.Errors);
            Assert.Null(quiet.Terminating);
            Assert.Empty(quiet.Output);
        }
    }

    [Fact]
    public void A_closed_connection_passed_with_Session_is_a_clear_error()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var fresh = new ModuleRunspace(module.Work);

        var result = fresh.Invoke("$c = Connect-Nemo -Local; Disconnect-Nemo; Get-NemoCredit -Session $c");

        AssertRecord(result.TheError, "Get-NemoCredit", "Nemo.Connection.Closed", ErrorCategory.ConnectionError, null, "Connect-Nemo");
    }

    [Fact]
    public void Connecting_to_an_endpoint_where_nothing_listens_fails_at_once_naming_the_address()
    {
        using var fresh = new ModuleRunspace(module.Work);

        var result = fresh.Invoke("Connect-Nemo -Endpoint http://127.0.0.1:9/");

        var record = result.TheError;
        Assert.Equal("Nemo.Api.ConnectionFailed,NemoVideo.Module.Commands.ConnectNemoCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        Assert.Contains("127.0.0.1:9", record.Exception.Message);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails?.RecommendedAction));
        Assert.Empty(fresh.Invoke("Get-NemoContext").Output);
    }

    [Fact]
    public void ErrorAction_Stop_turns_a_per_file_error_into_a_terminating_one_with_the_same_record()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke("Send-NemoVideo -LiteralPath notes.txt -ErrorAction Stop; 'not reached'");

        Assert.IsAssignableFrom<ActionPreferenceStopException>(result.Terminating);
        Assert.DoesNotContain(result.Output, item => "not reached".Equals(item.BaseObject));
        AssertRecord(result.TheError, "Send-NemoVideo", "Nemo.Upload.UnsupportedType", ErrorCategory.InvalidType, Path.Combine(module.Work, "notes.txt"), null);
    }

    private static void AssertRecord(ErrorRecord record, string cmdlet, string errorId, ErrorCategory category, string? target, string? advice)
    {
        Assert.Equal($"{errorId},NemoVideo.Module.Commands.{cmdlet.Replace("-", string.Empty)}Command", record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal(cmdlet, record.CategoryInfo.Activity);
        if (target != null)
        {
            Assert.Equal(target, record.TargetObject?.ToString());
            Assert.Equal(target, record.CategoryInfo.TargetName);
        }

        Assert.False(string.IsNullOrWhiteSpace(record.Exception.Message));
        if (advice != null)
        {
            Assert.Contains(advice, record.ErrorDetails?.RecommendedAction);
        }
    }
}
