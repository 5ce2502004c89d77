using System.Net.Http;
using NemoVideo.Module.LocalServer;
using NemoVideo.Module.Tests.Contracts;

namespace NemoVideo.Module.Tests.EndToEnd;

/// <summary>The importable package: its layout and its server. The Pester suite (build.ps1 -Task Test) imports it in a real pwsh.</summary>
public sealed class PackageTests(PackagedModule package) : IClassFixture<PackagedModule>
{
    [Fact]
    public void The_package_has_the_module_at_its_root_and_the_dependencies_isolated()
    {
        string[] rootFiles = ["NemoVideo.psd1", "NemoVideo.Module.dll", "NemoVideo.Module.LoadContext.dll", "NemoVideo.Format.ps1xml"];
        Assert.All(rootFiles, file => Assert.True(File.Exists(Path.Combine(package.Root, file)), file));
        Assert.True(File.Exists(Path.Combine(package.Root, "en-US", "NemoVideo.Module.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(package.Root, "en-US", "about_NemoVideo.help.txt")));

        var rootAssemblies = Directory.GetFiles(package.Root, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["NemoVideo.Module.LoadContext.dll", "NemoVideo.Module.dll"], rootAssemblies);

        var dependencies = Directory.GetFiles(Path.Combine(package.Root, "dependencies"), "*.dll").Select(Path.GetFileName).ToList();
        Assert.Contains("NemoVideo.Client.dll", dependencies);
        Assert.Contains("System.Text.Json.dll", dependencies);
        Assert.Contains("Polly.Core.dll", dependencies);
        Assert.DoesNotContain(Directory.GetFiles(package.Root, "System.Management.Automation.dll", SearchOption.AllDirectories), _ => true);
        Assert.Equal(File.ReadAllText(Repository.PathOf("NemoVideo.psd1")), File.ReadAllText(package.Manifest));
    }

    [Fact]
    public async Task The_packaged_server_starts_on_a_loopback_port_and_answers()
    {
        // As Connect-Nemo -Local starts it: in memory, so it neither keeps state in the user's default data folder nor
        // is refused because a durable server already holds that folder.
        using var server = await LocalServerLauncher.BesideModule(package.Root, ["--in-memory"]).StartAsync(null, TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(server.Endpoint, "/api/auth/anonymous-token"), null, TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", server.Endpoint.Host);
        Assert.NotEqual(0, server.Endpoint.Port);
        Assert.True((int)response.StatusCode < 500, $"the server answered {(int)response.StatusCode}");
    }
}
