using NemoVideo.Module.LocalServer;

namespace NemoVideo.Module.Tests.Engine;

public class DotnetHostTests
{
    private static readonly string Executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    [Fact]
    public void The_host_the_dotnet_CLI_names_wins()
    {
        var running = Environment.ProcessPath!;

        Assert.Equal(running, DotnetHost.Find(name => name == "DOTNET_HOST_PATH" ? running : "/nowhere"));
    }

    [Fact]
    public void Then_DOTNET_ROOT_then_whatever_is_on_PATH()
    {
        var root = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(root, "..", "..", ".."));
        Assert.SkipUnless(File.Exists(Path.Combine(dotnetRoot, Executable)), "the runtime is not in a standard dotnet root");

        Assert.Equal(Path.Combine(dotnetRoot, Executable), DotnetHost.Find(name => name == "DOTNET_ROOT" ? dotnetRoot : null));
        Assert.Equal(Executable, DotnetHost.Find(name => name == "DOTNET_HOST_PATH" ? "/missing/dotnet" : null));
    }
}
