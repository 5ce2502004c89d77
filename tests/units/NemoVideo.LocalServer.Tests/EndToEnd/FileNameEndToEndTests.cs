using NemoVideo.Client;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.EndToEnd;

/// <summary>
/// Issue 9: a name with a quote (or any character a file system allows) uploads through our client to the real
/// server, keeps its exact name there, and downloads under that name again.
/// </summary>
public class FileNameEndToEndTests
{
    public static TheoryData<string> Names => new()
    {
        "say \"cheese\".mp4",
        "part 1; part 2.mp4",
        "back\\slash.mp4",
        "假期 视频.mp4",
        "100% done.mp4",
        "a \"b\"; c\\d 50% 中文 🎬.mp4",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Any_file_name_uploads_keeps_its_name_and_downloads_under_it(string name)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        var folder = Path.Combine(server.Options.DataDirectory, "client");
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, name);
        File.Copy(await TestClips.SmallAsync(), source);
        using var client = new NemoClient(new NemoClientOptions
        {
            ApiBaseUrl = server.Url,
            WebBaseUrl = new Uri("http://127.0.0.1:9/"),
            ClientId = Guid.NewGuid().ToString(),
            ConfigDirectory = Path.Combine(folder, "config"),
        });
        var session = await client.CreateSessionAsync("en", cancellationToken);

        var media = Assert.Single(await client.UploadFileAsync(session, source, progress: null, cancellationToken));
        using var download = await server.Http.GetAsync(media.Url, cancellationToken);

        Assert.Equal(name, media.Name);
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(name, download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(await File.ReadAllBytesAsync(source, cancellationToken), await download.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    [Theory]
    [InlineData(@"C:\Users\me\clips\a.mp4", "a.mp4")]
    [InlineData(@"\\server\share\b.mp4", "b.mp4")]
    [InlineData("folder/c.mp4", "c.mp4")]
    [InlineData(@"not\a path.mp4", @"not\a path.mp4")]
    [InlineData("..", "upload")]
    public void The_server_keeps_only_the_last_segment_of_a_whole_path(string sent, string kept) =>
        Assert.Equal(kept, NemoVideo.LocalServer.Uploads.UploadName.Leaf(sent));
}
