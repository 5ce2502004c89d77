using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// -WhatIf and -Confirm through the real engine and a host that answers (or refuses) prompts: the only questions a
/// command asks are PowerShell's own ShouldProcess ones, and only when the user asks for them.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class ShouldProcessTests(LocalModule module)
{
    private const string ExportableSession = "Send-NemoVideo -LiteralPath videos/one.mp4 | Invoke-NemoInstruction 'scale it to 240p' | Out-Null";

    [Fact]
    public void Export_WhatIf_says_what_it_would_do_and_renders_and_writes_nothing()
    {
        LocalModule.SkipUnlessFfmpeg();
        var target = module.PathOf("whatif", "final.mp4");

        var result = module.Runspace.Invoke(ExportableSession + "; Export-NemoVideo -OutFile $args[0] -WhatIf", target).ThrowIfFailed();

        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Export session {module.Connection.Text("SessionId")}\" on target \"{target}\"", result.HostText);
        Assert.False(Directory.Exists(module.PathOf("whatif")));
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void Compress_WhatIf_names_each_output_and_writes_nothing()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke("Get-ChildItem videos -Filter *.mp4 | Compress-NemoVideo -MaxSize 1MB -OutputDirectory whatif-small -WhatIf").ThrowIfFailed();

        Assert.Empty(result.Output);
        Assert.Contains(module.PathOf("whatif-small", "one.mp4"), result.HostText);
        Assert.Contains(module.PathOf("whatif-small", "two.mp4"), result.HostText);
        Assert.Empty(Directory.Exists(module.PathOf("whatif-small")) ? Directory.GetFiles(module.PathOf("whatif-small")) : []);
        Assert.Empty(result.Questions);
    }

    [Theory]
    [InlineData("&Yes", true)]
    [InlineData("&No", false)]
    public void Export_Confirm_asks_the_host_once_and_obeys_the_answer(string answer, bool written)
    {
        LocalModule.SkipUnlessFfmpeg();
        var target = module.PathOf("confirm", answer.Trim('&') + ".mp4");
        module.Runspace.Invoke(ExportableSession).ThrowIfFailed();
        module.Runspace.Host.TestUI.ChoiceAnswers.Enqueue(answer);

        var result = module.Runspace.Invoke("Export-NemoVideo -OutFile $args[0] -Confirm", target).ThrowIfFailed();

        var question = Assert.Single(result.Questions);
        Assert.Equal("Confirm", question.Caption);
        Assert.Contains(target, question.Message);
        Assert.Contains("&Yes", question.Choices);
        Assert.Equal(written, File.Exists(target));
        Assert.Equal(written ? 1 : 0, result.OfType("NemoVideo.Module.NemoExportedFile").Count());
    }

    [Fact]
    public void Compress_Confirm_asks_per_file_and_compresses_only_the_files_the_user_accepts()
    {
        LocalModule.SkipUnlessFfmpeg();
        var ceiling = new FileInfo(Path.Combine(module.Videos, "one.mp4")).Length / 2;
        module.Runspace.Host.TestUI.ChoiceAnswers.Enqueue("&Yes");
        module.Runspace.Host.TestUI.ChoiceAnswers.Enqueue("&No");

        var result = module.Runspace.Invoke("Compress-NemoVideo -Path videos/one.mp4, videos/two.mp4 -MaxSize $args[0] -OutputDirectory confirm-small -ThrottleLimit 1 -Confirm", ceiling).ThrowIfFailed();

        Assert.Equal(2, result.Questions.Count);
        Assert.Equal(["one.mp4"], Directory.GetFiles(module.PathOf("confirm-small")).Select(Path.GetFileName));
        Assert.Equal("Compressed", Assert.Single(result.OfType("NemoVideo.Module.NemoCompressionResult")).Text("Status"));
    }

    [Fact]
    public void An_existing_file_is_kept_without_Force_and_replaced_with_it_and_neither_asks()
    {
        LocalModule.SkipUnlessFfmpeg();
        var target = module.PathOf("existing.mp4");
        File.WriteAllText(target, "keep me");
        module.Runspace.Invoke(ExportableSession).ThrowIfFailed();

        var kept = module.Runspace.Invoke("Export-NemoVideo -OutFile $args[0]", target);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.EndsWith("Nemo.Download.FileExists,NemoVideo.Module.Commands.ExportNemoVideoCommand", kept.TheError.FullyQualifiedErrorId);
        Assert.Empty(kept.Questions);

        var replaced = module.Runspace.Invoke("Export-NemoVideo -OutFile $args[0] -Force", target).ThrowIfFailed();
        Assert.Equal("h264", Tools.Probe(target, "stream=codec_name").Split('\n')[0]);
        Assert.Single(replaced.OfType("NemoVideo.Module.NemoExportedFile"));
        Assert.Empty(replaced.Questions);
    }

    [Fact]
    public void Confirm_false_and_a_low_ConfirmPreference_behave_as_PowerShell_defines()
    {
        LocalModule.SkipUnlessFfmpeg();
        module.Runspace.Invoke(ExportableSession).ThrowIfFailed();

        // ConfirmImpact is Medium: $ConfirmPreference = 'Medium' asks, -Confirm:$false does not.
        module.Runspace.Host.TestUI.ChoiceAnswers.Enqueue("&No");
        var asked = module.Runspace.Invoke("$ConfirmPreference = 'Medium'; try { Export-NemoVideo -OutFile pref/asked.mp4 } finally { $ConfirmPreference = 'High' }").ThrowIfFailed();
        var silent = module.Runspace.Invoke("$ConfirmPreference = 'Medium'; try { Export-NemoVideo -OutFile pref/silent.mp4 -Confirm:$false } finally { $ConfirmPreference = 'High' }").ThrowIfFailed();

        Assert.Single(asked.Questions);
        Assert.False(File.Exists(module.PathOf("pref", "asked.mp4")));
        Assert.Empty(silent.Questions);
        Assert.True(File.Exists(module.PathOf("pref", "silent.mp4")));
    }
}
