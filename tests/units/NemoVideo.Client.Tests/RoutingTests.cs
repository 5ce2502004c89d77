namespace NemoVideo.Client.Tests;

public class RoutingTests
{
    [Theory]
    [InlineData("export 1080p MP4", InstructionIntent.Export, "Export-NemoVideo")]
    [InlineData("please send me the video", InstructionIntent.Export, "Export-NemoVideo")]
    [InlineData("把视频导出", InstructionIntent.Export, "Export-NemoVideo")]
    [InlineData("download it", InstructionIntent.Download, "Export-NemoVideo")]
    [InlineData("下载视频", InstructionIntent.Download, "Export-NemoVideo")]
    [InlineData("how many credits do I have?", InstructionIntent.Credits, "Get-NemoCredit")]
    [InlineData("balance", InstructionIntent.Credits, "Get-NemoCredit")]
    [InlineData("what is my balance", InstructionIntent.Credits, "Get-NemoCredit")]
    [InlineData("查一下积分", InstructionIntent.Credits, "Get-NemoCredit")]
    [InlineData("余额多少", InstructionIntent.Credits, "Get-NemoCredit")]
    [InlineData("status?", InstructionIntent.Status, "Get-NemoState")]
    [InlineData("show tracks", InstructionIntent.Status, "Get-NemoState")]
    [InlineData("项目状态", InstructionIntent.Status, "Get-NemoState")]
    [InlineData("upload my clip", InstructionIntent.Upload, "Send-NemoVideo")]
    [InlineData("上传文件", InstructionIntent.Upload, "Send-NemoVideo")]
    [InlineData("upload this and then export it", InstructionIntent.Upload, "Send-NemoVideo")]
    public void RequestsTheClientHandlesAreRoutedBeforeSending(string text, InstructionIntent intent, string cmdlet)
    {
        var route = InstructionRouter.Classify(text);

        Assert.Equal((intent, cmdlet), (route.Intent, route.Cmdlet));
        Assert.False(string.IsNullOrEmpty(route.MatchedWord));
    }

    [Theory]
    [InlineData("compress this video to under 50MB without losing quality")]
    [InlineData("add lo-fi background music at 35%")]
    [InlineData("balance the audio levels")]
    [InlineData("make the exporter logo bigger")]
    [InlineData("加一段背景音乐")]
    [InlineData("")]
    public void EverythingElseGoesToTheAgent(string text)
    {
        Assert.Equal(new InstructionRoute(InstructionIntent.Agent, null, null), InstructionRouter.Classify(text));
    }

    [Theory]
    [InlineData("Done! Click Export to render your video.", "Export-NemoVideo", "Click Export")]
    [InlineData("Press the \"Export\" button when ready", "Export-NemoVideo", "Press the \"Export\" button")]
    [InlineData("完成了，点击导出即可", "Export-NemoVideo", "点击导出")]
    [InlineData("Open the music panel to adjust it.", "Get-NemoState", "Open the music panel")]
    [InlineData("You can preview it in the timeline.", "Get-NemoState", "preview it in the timeline")]
    [InlineData("请打开时间线查看", "Get-NemoState", "打开")]
    [InlineData("Visit billing to top up your account.", "Get-NemoCredit", "billing")]
    [InlineData("积分不足，请充值", "Get-NemoCredit", "积分")]
    [InlineData("Drag the clip to reorder.", "Invoke-NemoInstruction", "Drag")]
    [InlineData("Click Upload to add more footage.", "Send-NemoVideo", "Click Upload")]
    public void GuiPhrasesMapToTheCmdletThatDoesThem(string reply, string cmdlet, string phrase)
    {
        var hint = Assert.Single(GuiPhraseMapper.Map(reply));

        Assert.Equal((cmdlet, phrase), (hint.Cmdlet, hint.Phrase));
        Assert.Contains(cmdlet, hint.Reason);
    }

    [Fact]
    public void SeveralPhrasesGiveOneHintPerCmdletInReplyOrder()
    {
        var hints = GuiPhraseMapper.Map("Open the effects panel, then click Export. Or click the export button again.");

        Assert.Equal(new[] { "Get-NemoState", "Export-NemoVideo" }, hints.Select(hint => hint.Cmdlet));
    }

    [Fact]
    public void APlainReplyHasNoHints()
    {
        Assert.Empty(GuiPhraseMapper.Map("I added lo-fi music at 35% volume."));
        Assert.Empty(GuiPhraseMapper.Map(null));
    }

    /// <summary>A match timeout measures the clock, not the pattern: on a loaded CI machine a preempted thread "timed out" on
    /// a one-line instruction and failed a whole Compress-NemoVideo run. The patterns are linear, so they carry none.</summary>
    [Fact]
    public void PhrasePatternsHaveNoMatchTimeoutAndStayLinearOnLongText()
    {
        Assert.Equal(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, PhrasePattern.Create("a|b").MatchTimeout);

        var text = string.Concat(Enumerable.Repeat("exporte downloa uploa balanc 导 ", 200_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var route = InstructionRouter.Classify(text);

        Assert.Equal(InstructionIntent.Agent, route.Intent);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed.TotalSeconds:0.0} s for {text.Length:N0} characters");
    }
}
