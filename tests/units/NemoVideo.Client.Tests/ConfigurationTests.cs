using System.Collections;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class ConfigurationTests
{
    [Fact]
    public void FromEnvironment_ReadsEveryVariable()
    {
        var options = NemoClientOptions.FromEnvironment(new Hashtable
        {
            ["NEMO_TOKEN"] = "nmv_usr_abc",
            ["NEMO_API_URL"] = "http://127.0.0.1:5123/base",
            ["NEMO_WEB_URL"] = "https://web.example",
            ["NEMO_CLIENT_ID"] = "8a3e4d3c-0f43-4d7f-9d7e-5a1e0f9b2c11",
            ["SKILL_SOURCE"] = "clawhub",
        });

        Assert.Equal("nmv_usr_abc", options.Token);
        Assert.Equal("http://127.0.0.1:5123/base/", options.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("https://web.example/", options.WebBaseUrl.AbsoluteUri);
        Assert.Equal("8a3e4d3c-0f43-4d7f-9d7e-5a1e0f9b2c11", options.ClientId);
        Assert.Equal("clawhub", options.SkillPlatform);
        Assert.Equal("nemovideo-powershell", options.SkillSource);
    }

    [Fact]
    public void FromEnvironment_BlankOrMissingMeansDefaults()
    {
        var options = NemoClientOptions.FromEnvironment(new Hashtable { ["NEMO_TOKEN"] = "  ", ["NEMO_API_URL"] = "" });

        Assert.Null(options.Token);
        Assert.Null(options.ClientId);
        Assert.Equal("https://mega-api-prod.nemovideo.ai/", options.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("https://nemovideo.com/", options.WebBaseUrl.AbsoluteUri);
        Assert.Equal("powershell", options.SkillPlatform);
        Assert.Equal(TimeSpan.FromMinutes(15), options.InstructionTotalTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.InstructionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RenderPollMaxDelay);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    public void FromEnvironment_RejectsBadUrlWithStableId(string value)
    {
        var error = Assert.Throws<NemoException>(() => NemoClientOptions.FromEnvironment(new Hashtable { ["NEMO_API_URL"] = value }));

        Assert.Equal("Nemo.Config.InvalidUrl", error.ErrorId);
        Assert.Equal(NemoErrorCategory.InvalidArgument, error.Category);
        Assert.Equal("NEMO_API_URL", error.Target);
    }

    [Fact]
    public void BaseUrlsWithAPathKeepItWhenPathsAreResolved()
    {
        var options = new NemoClientOptions { ApiBaseUrl = new Uri("http://127.0.0.1:5123/nemo"), WebBaseUrl = new Uri("http://127.0.0.1:5123") };

        Assert.Equal("http://127.0.0.1:5123/nemo/api/x", new Uri(options.ApiBaseUrl, "api/x").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5123/", options.WebBaseUrl.AbsoluteUri);
        Assert.Throws<ArgumentException>(() => new NemoClientOptions { ApiBaseUrl = new Uri("relative", UriKind.Relative) });
    }

    [Fact]
    public void ClientIdStore_CreatesOwnerOnlyFileOnceAndReusesIt()
    {
        using var folder = new TempFolder();
        var directory = Path.Combine(folder.Path, "nemovideo");
        var store = new ClientIdStore(directory);

        var first = store.GetOrCreate();
        var second = new ClientIdStore(directory).GetOrCreate();

        Assert.True(Guid.TryParse(first, out _));
        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllText(store.FilePath).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
    }

    [Fact]
    public void ClientIdStore_ReplacesAnInvalidIdAndKeepsTheFileOwnerOnly()
    {
        using var folder = new TempFolder();
        var store = new ClientIdStore(folder.Path);
        File.WriteAllText(store.FilePath, "garbage");

        var id = store.GetOrCreate();
        var replaced = store.Replace();

        Assert.True(Guid.TryParse(id, out _));
        Assert.NotEqual(id, replaced);
        Assert.Equal(replaced, File.ReadAllText(store.FilePath).Trim());
        Assert.Single(Directory.GetFiles(folder.Path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        }
    }
}
