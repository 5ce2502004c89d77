using NemoVideo.Module.Runspace.Tests.Support;

namespace NemoVideo.Module.Runspace.Tests;

/// <summary>
/// Runs with nobody to answer: a runspace on the SDK's default host, which has no user interface (any prompt would
/// throw there), does the whole job, and an existing file is refused with Nemo.Download.FileExists, never asked about.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class NonInteractiveTests(LocalModule module)
{
    [Fact]
    public void The_chain_and_a_refused_overwrite_run_on_a_host_without_a_user_interface()
    {
        LocalModule.SkipUnlessFfmpeg();
        using var headless = new ModuleRunspace(module.Work, withoutHost: true);
        var existing = module.PathOf("headless", "final.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "keep me");

        var chain = headless.Invoke(
            "Connect-Nemo -Local | Out-Null; Get-ChildItem videos/one.mp4 | Send-NemoVideo | Invoke-NemoInstruction 'scale it to 240p' | Export-NemoVideo -OutFile headless/fresh.mp4")
            .ThrowIfFailed();
        var refused = headless.Invoke("Export-NemoVideo -OutFile $args[0]", existing);

        Assert.Single(chain.OfType("NemoVideo.Module.NemoExportedFile"));
        Assert.Equal("Nemo.Download.FileExists,NemoVideo.Module.Commands.ExportNemoVideoCommand", refused.TheError.FullyQualifiedErrorId);
        Assert.Equal("keep me", File.ReadAllText(existing));
    }
}
