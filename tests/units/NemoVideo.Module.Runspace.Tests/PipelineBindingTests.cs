using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// Pipeline binding as PowerShell's own parameter binder does it, against the real local server: by value (strings to
/// -Path) and by property name (FullName/PSPath to -LiteralPath, SessionId, RenderId with its SessionId) along the chain.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class PipelineBindingTests(LocalModule module)
{
    [Fact]
    public void Get_ChildItem_Send_Invoke_Export_is_one_pipeline_bound_by_property_name()
    {
        LocalModule.SkipUnlessFfmpeg();
        var folder = module.PathOf("chain");
        Directory.CreateDirectory(folder);
        // A wildcard character in the name: it only uploads when Get-ChildItem's FullName/PSPath binds to -LiteralPath.
        File.Copy(Path.Combine(module.Videos, "one.mp4"), Path.Combine(folder, "take[1].mp4"));
        File.Copy(Path.Combine(module.Videos, "two.mp4"), Path.Combine(folder, "take2.mp4"));

        var result = module.Runspace.Invoke(
            """
            $exported = Get-ChildItem -LiteralPath $args[0] -Filter *.mp4 | Send-NemoVideo | Tee-Object -Variable media |
                Invoke-NemoInstruction 'scale it to 240p' | Tee-Object -Variable instruction |
                Export-NemoVideo -Destination $args[1]
            $media; $instruction; $exported
            """,
            folder, module.PathOf("chain-out")).ThrowIfFailed();

        var media = result.OfType("NemoVideo.Module.NemoUploadedMedia").ToList();
        Assert.Equal(["take2.mp4", "take[1].mp4"], media.Select(item => item.Text("Name")!).Order(StringComparer.Ordinal));
        Assert.All(media, item => Assert.Equal(module.Connection.Text("SessionId"), item.Text("SessionId")));
        // Both files went to one session, so the instruction and the export run once for it.
        var instruction = Assert.Single(result.OfType("NemoVideo.Module.NemoInstructionResult"));
        Assert.Equal(module.Connection.Text("SessionId"), instruction.Text("SessionId"));
        var exported = Assert.Single(result.OfType("NemoVideo.Module.NemoExportedFile"));
        Assert.Equal(module.PathOf("chain-out"), Path.GetDirectoryName(exported.Text("FullName")));
        Assert.Equal("240", Tools.Probe(exported.Text("FullName")!, "stream=height").Split('\n')[0]);
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void A_failed_upload_sends_no_instruction_and_exports_nothing_from_the_session_s_earlier_video()
    {
        // A fresh-eyes review saw it: the refused upload emitted nothing, and the instruction and export fell back to the
        // connection's session, compressing a video uploaded earlier that the user had not asked about.
        LocalModule.SkipUnlessFfmpeg();
        var folder = module.PathOf("refused");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.mp4"), "this is a text file, not a video");
        module.Runspace.Invoke("Send-NemoVideo -LiteralPath videos/one.mp4 | Out-Null").ThrowIfFailed();

        var result = module.Runspace.Invoke(
            """
            Send-NemoVideo -LiteralPath $args[0] -ErrorAction SilentlyContinue -ErrorVariable refused |
                Invoke-NemoInstruction 'scale it to 240p' | Export-NemoVideo -Destination $args[1]
            "REFUSED=$($refused[0].FullyQualifiedErrorId)"
            "EDITS=" + (Get-NemoState).Draft.Summary
            """,
            Path.Combine(folder, "notes.mp4"), module.PathOf("refused-out"));

        Assert.Contains(result.Output, item => item?.ToString()?.StartsWith("REFUSED=Nemo.Media.NotMedia,") == true);
        Assert.Empty(result.OfType("NemoVideo.Module.NemoInstructionResult"));
        Assert.Empty(result.OfType("NemoVideo.Module.NemoExportedFile"));
        Assert.False(Directory.Exists(module.PathOf("refused-out")) && Directory.EnumerateFiles(module.PathOf("refused-out")).Any());
    }

    [Fact]
    public void A_string_binds_to_Path_by_value_with_wildcards()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke("'videos/*.mp4' | Send-NemoVideo").ThrowIfFailed();

        Assert.Equal(["one.mp4", "two.mp4"], result.OfType("NemoVideo.Module.NemoUploadedMedia").Select(item => item.Text("Name")!).Order());
    }

    [Fact]
    public void A_string_binds_to_Compress_NemoVideo_Path_by_value()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke("'videos/t*.mp4' | Compress-NemoVideo -MaxSize 1MB -OutputDirectory by-value -WhatIf").ThrowIfFailed();

        Assert.Contains(module.PathOf("by-value", "two.mp4"), result.HostText);
        Assert.DoesNotContain("one.mp4", result.HostText);
    }

    [Fact]
    public void SessionId_of_any_object_binds_by_property_name_to_Get_NemoState()
    {
        LocalModule.SkipUnlessFfmpeg();
        var sessionId = module.Connection.Text("SessionId");

        var result = module.Runspace.Invoke(
            """
            Send-NemoVideo -LiteralPath videos/one.mp4 | Out-Null
            [pscustomobject]@{ SessionId = $args[0] } | Get-NemoState
            [pscustomobject]@{ SessionId = 'sess_not_there' } | Get-NemoState -ErrorAction SilentlyContinue -ErrorVariable missing
            $missing
            """,
            sessionId);

        var timeline = Assert.Single(result.OfType("NemoVideo.Module.NemoTimeline"));
        Assert.Equal(sessionId, timeline.Text("SessionId"));
        // The second record's SessionId reached the cmdlet: the error is about that session, not the default one.
        var error = Assert.Single(result.Output.Select(item => item.BaseObject).OfType<System.Management.Automation.ErrorRecord>());
        Assert.Equal("sess_not_there", error.TargetObject?.ToString());
    }

    [Fact]
    public void A_NoWait_render_job_binds_RenderId_with_its_SessionId_back_to_Export_NemoVideo()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke(
            """
            Send-NemoVideo -LiteralPath videos/two.mp4 | Invoke-NemoInstruction 'scale it to 240p' | Out-Null
            $job = Export-NemoVideo -NoWait
            $job
            $job | Export-NemoVideo -OutFile resumed/job.mp4
            """).ThrowIfFailed();

        var job = Assert.Single(result.OfType("NemoVideo.Module.NemoRenderJob"));
        var file = Assert.Single(result.OfType("NemoVideo.Module.NemoExportedFile"));
        Assert.Equal(job.Text("RenderId"), file.Text("RenderId"));
        Assert.Equal(job.Text("SessionId"), file.Text("SessionId"));
        Assert.Equal(module.PathOf("resumed", "job.mp4"), file.Text("FullName"));
    }

    [Fact]
    public void Compress_NemoVideo_takes_Get_ChildItem_output_and_a_rerun_skips_what_is_done()
    {
        LocalModule.SkipUnlessFfmpeg();
        var ceiling = new FileInfo(Path.Combine(module.Videos, "one.mp4")).Length / 2;
        var sources = Directory.GetFiles(module.Videos, "*.mp4").ToDictionary(file => file, Hash);

        var first = module.Runspace.Invoke("Get-ChildItem videos -Filter *.mp4 | Compress-NemoVideo -MaxSize $args[0] -OutputDirectory small", ceiling).ThrowIfFailed();
        var rerun = module.Runspace.Invoke("Get-ChildItem videos -Filter *.mp4 | Compress-NemoVideo -MaxSize $args[0] -OutputDirectory small", ceiling).ThrowIfFailed();

        var results = first.OfType("NemoVideo.Module.NemoCompressionResult").ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, result =>
        {
            Assert.Equal("Compressed", result.Text("Status"));
            Assert.InRange(new FileInfo(result.Text("Output")!).Length, 1, ceiling);
        });
        Assert.All(rerun.OfType("NemoVideo.Module.NemoCompressionResult"), result => Assert.Equal("Skipped", result.Text("Status")));
        Assert.Equal(2, rerun.Output.Count);
        Assert.All(sources, source => Assert.Equal(source.Value, Hash(source.Key)));
        Assert.All(results, result => Assert.Equal("h264", Tools.Probe(result.Text("Output")!, "stream=codec_name").Split('\n')[0]));
    }

    private static string Hash(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void An_exported_file_binds_its_FullName_to_Send_NemoVideo()
    {
        LocalModule.SkipUnlessFfmpeg();

        var result = module.Runspace.Invoke(
            """
            Send-NemoVideo -LiteralPath videos/one.mp4 | Invoke-NemoInstruction 'scale it to 240p' | Out-Null
            Export-NemoVideo -OutFile again/exported.mp4 | Send-NemoVideo
            """).ThrowIfFailed();

        Assert.Equal("exported.mp4", Assert.Single(result.OfType("NemoVideo.Module.NemoUploadedMedia")).Text("Name"));
    }
}
