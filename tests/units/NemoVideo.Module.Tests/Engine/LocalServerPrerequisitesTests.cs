using NemoVideo.Client;
using NemoVideo.Module.LocalServer;

namespace NemoVideo.Module.Tests.Engine;

/// <summary>The checks Connect-Nemo -Local makes before it starts the server (the Pester suite proves them in pwsh).</summary>
public sealed class LocalServerPrerequisitesTests
{
    [Fact]
    public void It_reads_the_ASP_NET_Core_versions_from_dotnet_list_runtimes()
    {
        const string output = """
            Microsoft.AspNetCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
            Microsoft.AspNetCore.App 10.0.1 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
            Microsoft.NETCore.App 10.0.1 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
            Microsoft.AspNetCore.App 11.0.0-preview.1.25080.5 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
            """;

        var versions = LocalServerPrerequisites.ParseAspNetCoreRuntimes(output.Replace("\n", "\r\n"));

        Assert.Equal([new Version(8, 0, 11), new Version(10, 0, 1), new Version(11, 0, 0)], versions);
    }

    [Fact]
    public void Without_a_dotnet_host_it_names_it_and_what_else_is_missing()
    {
        var empty = Directory.CreateTempSubdirectory("nemo-empty-").FullName;
        try
        {
            var environment = new Dictionary<string, string?> { ["PATH"] = empty, ["DOTNET_ROOT"] = empty };
            var prerequisites = new LocalServerPrerequisites(name => environment.GetValueOrDefault(name));

            var error = Assert.Throws<NemoException>(prerequisites.Verify);

            Assert.Equal(ModuleErrorIds.LocalServerDotnetMissing, error.ErrorId);
            Assert.Equal(NemoErrorCategory.NotInstalled, error.Category);
            Assert.Equal("dotnet", error.Target);
            Assert.Contains($"DOTNET_ROOT={empty}", error.Message);
            Assert.Contains("winget install Microsoft.DotNet.AspNetCore.10", error.Message);
            Assert.Contains("Also missing: ffmpeg was not found on PATH. ffprobe was not found on PATH.", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
