using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Handlers;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Handlers;

public class InstructionHandlerTests
{
    private readonly FakeCommandHost host = new();
    private readonly FakeNemoClient client = new();
    private readonly ManualTimeProvider clock = new();

    [Theory]
    [InlineData("export the video", "Export-NemoVideo")]
    [InlineData("how many credits do I have left", "Get-NemoCredit")]
    [InlineData("导出视频", "Export-NemoVideo")]
    public async Task Requests_a_cmdlet_does_for_free_are_not_sent_and_the_error_names_the_cmdlet(string instruction, string cmdlet)
    {
        await Run(instruction, [null]);

        Assert.DoesNotContain(client.Calls, call => call.StartsWith("Instruction"));
        var error = Assert.Single(host.Errors);
        Assert.Equal("Nemo.Instruction.Routed", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.Category);
        Assert.Equal(instruction, error.TargetObject);
        Assert.Equal($"Run {cmdlet}.", error.RecommendedAction);
        Assert.Empty(host.Objects);
    }

    [Theory]
    [InlineData("keep from 0:10 to 0:12", "That trim keeps nothing: the video is 0:04 long. Nothing was changed.")]
    [InlineData("convert to gif", "Not done: GIF output is not available here. Nothing was changed.")]
    public async Task An_edit_that_changed_nothing_is_an_error_and_nothing_goes_down_the_pipeline(string instruction, string reply)
    {
        client.OnInstruction = (session, _, _, _) =>
            Task.FromResult(new InstructionResult(session.SessionId, reply, [], [], [], false, TimeSpan.FromSeconds(1)));

        await Run(instruction, [null]);

        var error = Assert.Single(host.Errors);
        Assert.Equal(("Nemo.Instruction.NothingChanged", ErrorCategory.InvalidResult, (object)"s1"), (error.ErrorId, error.Category, error.TargetObject));
        Assert.Contains(reply.TrimEnd('.'), error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(instruction, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(host.Objects);
    }

    /// <summary>A fresh review saw it: a server killed and restarted mid-instruction gave a normal result with an empty
    /// reply and no change, $? true, while the instruction had never run.</summary>
    [Theory]
    [InlineData(false, "Nemo.Instruction.Lost", ErrorCategory.ConnectionError, "did not take effect", "Run Invoke-NemoInstruction again")]
    [InlineData(null, "Nemo.Instruction.Unconfirmed", ErrorCategory.OperationTimeout, "may still be working on it", "before sending it again")]
    [InlineData(true, "Nemo.Instruction.Unconfirmed", ErrorCategory.OperationTimeout, "may still be working on it", "before sending it again")]
    public async Task A_broken_stream_with_no_change_is_an_error_that_says_whether_to_send_it_again(bool? busy, string errorId, ErrorCategory category,
        string message, string advice)
    {
        client.OnInstruction = (session, _, _, _) =>
            Task.FromResult(new InstructionResult(session.SessionId, string.Empty, [], [], [], true, TimeSpan.FromSeconds(15)) { AgentBusy = busy });

        await Run("compress to under 100KB", [null]);

        var error = Assert.Single(host.Errors);
        Assert.Equal((errorId, category, (object)"s1"), (error.ErrorId, error.Category, error.TargetObject));
        Assert.Contains(message, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(host.Objects);
    }

    /// <summary>A fresh review: a polite edit reads as a question, and questions were exempt, so a lost "Can you compress
    /// this video to under 3MB?" went down the pipeline to be exported unedited.</summary>
    [Theory]
    [InlineData("Can you compress this video to under 3MB?")]
    [InlineData("能不能压缩到3MB以内")]
    public async Task A_lost_edit_phrased_as_a_question_is_an_error_too(string instruction)
    {
        client.OnInstruction = (session, _, _, _) =>
            Task.FromResult(new InstructionResult(session.SessionId, string.Empty, [], [], [], true, TimeSpan.FromSeconds(15)) { AgentBusy = false });

        await Run(instruction, [null]);

        Assert.Equal("Nemo.Instruction.Lost", Assert.Single(host.Errors).ErrorId);
        Assert.Empty(host.Objects);
    }

    [Fact]
    public async Task A_broken_stream_whose_edit_showed_in_the_state_is_a_result()
    {
        client.OnInstruction = (session, _, _, _) =>
            Task.FromResult(new InstructionResult(session.SessionId, string.Empty, [], FakeNemoClient.AppliedEdit, [], true, TimeSpan.FromSeconds(15)) { AgentBusy = false });

        await Run("compress to under 100KB", [null]);

        Assert.Empty(host.Errors);
        Assert.True(Assert.IsType<NemoInstructionResult>(Assert.Single(host.Objects)).StreamDropped);
    }

    [Theory]
    [InlineData("how long is the video?")]
    [InlineData("what can you do")]
    [InlineData("视频有多长")]
    public async Task A_question_that_changed_nothing_is_answered_without_an_error(string question)
    {
        client.OnInstruction = (session, _, _, _) =>
            Task.FromResult(new InstructionResult(session.SessionId, "The video is 0:04 long.", [], [], [], false, TimeSpan.FromSeconds(1)));

        await Run(question, [null]);

        Assert.Empty(host.Errors);
        Assert.IsType<NemoInstructionResult>(Assert.Single(host.Objects));
    }

    [Fact]
    public async Task The_reply_streams_to_the_information_stream_progress_says_still_working_and_the_result_is_output()
    {
        var toolCall = new NemoToolCall("c1", "trim_video", "{}", "{}");
        var change = new TimelineChange(TimelineChangeKind.SegmentAltered, 0, 0, "Segment altered on track 1 (Video): clip (0-5s)");
        var hint = new CmdletHint("click Export", "Export-NemoVideo", "exporting is a cmdlet here");
        client.OnInstruction = (session, text, progress, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(42));
            progress!.Report(new InstructionProgress(InstructionProgressKind.Heartbeat, null, TimeSpan.FromSeconds(42)));
            progress.Report(new InstructionProgress(InstructionProgressKind.Heartbeat, null, TimeSpan.FromSeconds(42.1)));
            progress.Report(new InstructionProgress(InstructionProgressKind.ToolCall, "trim_video", TimeSpan.FromSeconds(43)));
            progress.Report(new InstructionProgress(InstructionProgressKind.Text, "Trimmed to 5 s. ", TimeSpan.FromSeconds(44)));
            progress.Report(new InstructionProgress(InstructionProgressKind.Text, "Click Export when ready.", TimeSpan.FromSeconds(45)));
            return Task.FromResult(new InstructionResult(session.SessionId, "Trimmed to 5 s. Click Export when ready.", [toolCall], [change], [hint], false, TimeSpan.FromSeconds(45)));
        };

        await Run("trim to 5 seconds", [null]);

        Assert.Equal(["Trimmed to 5 s. ", "Click Export when ready."], host.Information.Select(entry => entry.Text));
        Assert.All(host.Information, entry => Assert.Equal([StepProgress.ReplyTag], entry.Tags));
        // The second heartbeat came 100 ms after the first: throttled away.
        Assert.Equal(["Sending the instruction", "Still working... 0:42 elapsed", "Done"], host.Progress.Select(record => record.StatusDescription));
        Assert.True(host.Progress[^1].Completed);
        Assert.Contains(host.Verbose, line => line.Contains("trim_video"));
        Assert.Contains(host.Verbose, line => line.Contains("click Export") && line.Contains("Export-NemoVideo"));

        var result = Assert.IsType<NemoInstructionResult>(Assert.Single(host.Objects));
        Assert.Equal("s1", result.SessionId);
        Assert.Equal("trim to 5 seconds", result.Instruction);
        Assert.Equal([change], result.Changes);
        Assert.Equal([toolCall], result.ToolCalls);
        Assert.Equal([hint], result.Hints);
    }

    [Fact]
    public async Task Each_piped_session_gets_the_instruction_once()
    {
        await Run("make it black and white", ["s7", "s8"]);

        Assert.Equal(
            ["Instruction s7 make it black and white", "Instruction s8 make it black and white"],
            client.Calls.Where(call => call.StartsWith("Instruction")));
        Assert.Equal(["s7", "s8"], host.ObjectsOf<NemoInstructionResult>().Select(result => result.SessionId));
    }

    [Fact]
    public async Task A_failed_instruction_is_an_error_for_that_session()
    {
        client.OnInstruction = (_, _, _, _) => throw new NemoException(NemoErrorIds.CreditsExhausted, NemoErrorCategory.QuotaExceeded, "Out of credits.", "Register at https://nemovideo.com/?bind=x");

        await Run("add music", [null]);

        var error = Assert.Single(host.Errors);
        Assert.Equal("Nemo.Credits.Exhausted", error.ErrorId);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.Category);
        Assert.Equal("s1", error.TargetObject);
    }

    private Task Run(string instruction, IReadOnlyList<string?> sessions) =>
        new InstructionHandler(TestConnections.Resolver(client), instruction, sessions, clock).ExecuteAsync(host, CancellationToken.None);
}
