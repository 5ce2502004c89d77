using System.Diagnostics;
using System.Runtime.InteropServices;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Hosting;

/// <summary>Folders above the data folder must not let another user swap it (the check ssh makes for its key files).</summary>
public sealed class DataFolderAncestorTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "nemo-ancestors-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("777")]
    [InlineData("775")]
    public void AParentOthersCanWriteWithoutTheStickyBitIsRefusedBeforeAnythingIsMade(string parentMode)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix permissions");
        var parent = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        File.SetUnixFileMode(parent, (UnixFileMode)Convert.ToInt32(parentMode, 8));
        var data = Path.Combine(parent, "mine", "nemovideo");

        var error = Assert.Throws<UnsafeDataFolderException>(() => DataFolder.PrepareRun(data));

        Assert.Contains($"inside '{parent}'", error.Message);
        Assert.Contains("sticky bit", error.Message);
        Assert.Contains("--data-dir", error.Message);
        Assert.False(Directory.Exists(Path.Combine(parent, "mine")));
    }

    [Fact]
    public void AStickyWorldWritableParentLikeTmpIsAccepted()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix permissions");
        var parent = Directory.CreateDirectory(Path.Combine(_root, "sticky")).FullName;
        File.SetUnixFileMode(parent, (UnixFileMode)Convert.ToInt32("1777", 8));
        var data = Path.Combine(parent, "nemovideo");

        var run = DataFolder.PrepareRun(data);

        Assert.StartsWith(data + Path.DirectorySeparatorChar, run);
        Assert.True(Directory.Exists(run));
    }

    [Fact]
    public void ALinkToAFolderInsideAWritableParentIsRefused()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix permissions");
        var shared = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        var target = Directory.CreateDirectory(Path.Combine(shared, "nemovideo")).FullName;
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("777", 8));
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, target);

        var error = Assert.Throws<UnsafeDataFolderException>(() => DataFolder.PrepareRun(link));

        Assert.Contains($"inside '{shared}'", error.Message);
    }

    [Fact]
    public void AParentAnotherUserOwnsIsRefused()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && GetEffectiveUserId() == 0, "needs root to give a folder to another user");
        var theirs = Directory.CreateDirectory(Path.Combine(_root, "theirs")).FullName;
        using (var chown = Process.Start("chown", ["65534", theirs])!)
        {
            chown.WaitForExit();
        }

        var error = Assert.Throws<UnsafeDataFolderException>(() => DataFolder.PrepareRun(Path.Combine(theirs, "nemovideo")));

        Assert.Contains("belongs to another user (uid 65534)", error.Message);
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
