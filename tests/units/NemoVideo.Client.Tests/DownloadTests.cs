using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class DownloadTests
{
    private const string Foreign = "https://cdn.test/out/video.mp4?sig=abc";
    private const string Fallback = TestClient.Api + "api/render/proxy/render_1/download";
    private static readonly byte[] Video = Enumerable.Range(0, 10).Select(value => (byte)(value + 1)).ToArray();

    private static RenderJob Completed(string? url)
    {
        using var document = JsonDocument.Parse(Drafts.OneVideo);
        return new RenderJob("render_1", "sess-1", RenderStatus.Completed, 1, url, null, DraftReader.Parse(document.RootElement), 1);
    }

    private static HttpResponseMessage File(byte[] bytes, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return new HttpResponseMessage(status) { Content = content };
    }

    [Fact]
    public async Task DownloadsFromAForeignHostWithoutTheTokenThroughATemporaryFile()
    {
        using var test = new TestClient();
        var target = test.Folder.File("out.mp4");
        string[] duringDownload = [];
        test.On(HttpMethod.Get, Foreign, _ =>
        {
            duringDownload = Directory.GetFiles(test.Folder.Path).Select(Path.GetFileName).ToArray()!;
            return File(Video);
        });
        var progress = new ListProgress<DownloadProgress>();

        var result = await test.Client.DownloadAsync(Completed(Foreign), target, overwrite: false, progress, TestContext.Current.CancellationToken);

        Assert.Equal(new DownloadResult(target, 10, "render_1"), result);
        Assert.Equal(Video, System.IO.File.ReadAllBytes(target));
        var request = Assert.Single(test.Seen);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-Skill-Source"));
        var temporary = Assert.Single(duringDownload);
        Assert.StartsWith(".out.mp4.", temporary);
        Assert.EndsWith(".partial", temporary);
        Assert.Equal(new[] { "out.mp4" }, Directory.GetFiles(test.Folder.Path).Select(Path.GetFileName));
        Assert.Equal(new DownloadProgress(target, 10, 10), progress.Items[^1]);
    }

    [Fact]
    public async Task AnExistingFileIsKeptUnlessOverwriteIsAsked()
    {
        using var test = new TestClient();
        var target = test.Folder.Write("out.mp4", new byte[] { 9, 9 });
        test.On(HttpMethod.Get, Foreign, _ => File(Video));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.DownloadAsync(Completed(Foreign), target, false, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Download.FileExists", error.ErrorId);
        Assert.Equal(NemoErrorCategory.ResourceExists, error.Category);
        Assert.Equal(target, error.Target);
        Assert.Equal(new byte[] { 9, 9 }, System.IO.File.ReadAllBytes(target));
        Assert.Empty(test.Seen);

        await test.Client.DownloadAsync(Completed(Foreign), target, true, null, TestContext.Current.CancellationToken);

        Assert.Equal(Video, System.IO.File.ReadAllBytes(target));
        Assert.Single(Directory.GetFiles(test.Folder.Path));
    }

    [Fact]
    public async Task AFolderDestinationIsNamedAfterTheRender()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Foreign, _ => File(Video));

        var result = await test.Client.DownloadAsync(Completed(Foreign), test.Folder.Path, false, null, TestContext.Current.CancellationToken);

        Assert.Equal(test.Folder.File("render_1.mp4"), result.Path);
    }

    /// <summary>A fresh review saw a WebM export saved into a folder as render_….mp4 (ffprobe: matroska,webm, vp9/opus).</summary>
    [Theory]
    [InlineData("https://cdn.test/files/k1/render_1.webm", "render_1.webm")]
    [InlineData("https://cdn.test/files/k1/render_1.MOV?sig=abc", "render_1.mov")]
    [InlineData("https://cdn.test/files/k1/render%201.mkv", "render_1.mkv")]
    [InlineData("https://cdn.test/out/video?sig=abc", "render_1.mp4")]
    [InlineData("https://cdn.test/out/report.txt", "render_1.mp4")]
    public async Task A_folder_destination_takes_the_outputs_own_extension_from_its_link(string link, string expected)
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, link, _ => File(Video));

        var result = await test.Client.DownloadAsync(Completed(link), test.Folder.Path, false, null, TestContext.Current.CancellationToken);

        Assert.Equal(test.Folder.File(expected), result.Path);
    }

    [Fact]
    public async Task FallsBackToTheApiDownloadPathWithTheTokenThere()
    {
        using var test = new TestClient();
        var target = test.Folder.File("out.mp4");
        test.On(HttpMethod.Get, Foreign, _ => Responses.Status(HttpStatusCode.Forbidden));
        test.On(HttpMethod.Get, Fallback, _ => File(Video));

        await test.Client.DownloadAsync(Completed(Foreign), target, false, null, TestContext.Current.CancellationToken);

        Assert.Equal(Video, System.IO.File.ReadAllBytes(target));
        Assert.Null(test.Seen[0].Header("Authorization"));
        Assert.Equal("Bearer " + TestClient.UserToken, test.Seen[1].Header("Authorization"));
        Assert.Equal("nemovideo-powershell", test.Seen[1].Header("X-Skill-Source"));
    }

    [Fact]
    public async Task WithoutAnOutputUrlTheApiPathIsUsedAndAJsonLinkFollowed()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Fallback, _ => Responses.Ok("""{"url":"https://cdn.test/out/video.mp4?sig=abc"}"""));
        test.On(HttpMethod.Get, Foreign, _ => File(Video));

        var result = await test.Client.DownloadAsync(Completed(null), test.Folder.File("a.mp4"), false, null, TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Length);
        Assert.Equal(new[] { "api.test", "cdn.test" }, test.Seen.Select(request => request.Uri.Host));
        Assert.Null(test.Seen[1].Header("Authorization"));
    }

    [Fact]
    public async Task AnOutputUrlOnTheApiHostGetsTheToken()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, TestClient.Api + "files/out.mp4", _ => File(Video));

        await test.Client.DownloadAsync(Completed(TestClient.Api + "files/out.mp4"), test.Folder.File("a.mp4"), false, null, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer " + TestClient.UserToken, Assert.Single(test.Seen).Header("Authorization"));
    }

    [Fact]
    public async Task AnInterruptedDownloadResumesWithRange()
    {
        using var test = new TestClient();
        var target = test.Folder.File("out.mp4");
        var broken = new ScriptedStream();
        broken.Write(Video[..4]);
        broken.Break();
        test.On(HttpMethod.Get, Foreign,
            _ =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(broken) };
                response.Content.Headers.ContentLength = 10;
                return response;
            },
            _ => File(Video[4..], HttpStatusCode.PartialContent));

        var result = await test.Client.DownloadAsync(Completed(Foreign), target, false, null, TestContext.Current.CancellationToken);

        Assert.Equal(Video, System.IO.File.ReadAllBytes(target));
        Assert.Equal(10, result.Length);
        Assert.Null(test.Seen[0].Header("Range"));
        Assert.Equal("bytes=4-", test.Seen[1].Header("Range"));
        Assert.Null(test.Seen[1].Header("Authorization"));
    }

    [Fact]
    public async Task AServerThatIgnoresRangeMakesTheDownloadStartOver()
    {
        using var test = new TestClient();
        var target = test.Folder.File("out.mp4");
        var broken = new ScriptedStream();
        broken.Write(Video[..6]);
        broken.Break();
        test.On(HttpMethod.Get, Foreign, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(broken) }, _ => File(Video));

        await test.Client.DownloadAsync(Completed(Foreign), target, false, null, TestContext.Current.CancellationToken);

        Assert.Equal(Video, System.IO.File.ReadAllBytes(target));
    }

    [Fact]
    public async Task WhenEverySourceFailsNothingIsLeftBehind()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Foreign, _ => Responses.Status(HttpStatusCode.NotFound));
        test.On(HttpMethod.Get, Fallback, _ => Responses.Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.DownloadAsync(Completed(Foreign), test.Folder.File("out.mp4"), false, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Download.Failed", error.ErrorId);
        Assert.Equal("render_1", error.Target);
        Assert.Empty(Directory.GetFiles(test.Folder.Path));
    }

    [Fact]
    public async Task AFolderThatRefusesTheFileNamesTheUsersFileNotTheHiddenTemporary()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Get, Foreign, _ => File(Video));
        var folder = Directory.CreateDirectory(Path.Combine(test.Folder.Path, "locked")).FullName;
        var target = Path.Combine(folder, "out.mp4");
        var locked = new[] { ("chmod", "555", "755"), ("chattr", "+i", "-i") }.FirstOrDefault(way => Run(way.Item1, way.Item2, folder) && !Writable(folder));
        Assert.SkipWhen(locked.Item1 is null, "This machine cannot make a folder read-only for the current user.");
        try
        {
            var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.DownloadAsync(Completed(Foreign), target, false, null, TestContext.Current.CancellationToken));

            Assert.Equal(("Nemo.Download.Failed", NemoErrorCategory.PermissionDenied, target), (error.ErrorId, error.Category, error.Target));
            Assert.Contains(target, error.Message);
            Assert.DoesNotContain(".partial", error.Message);
            Assert.DoesNotContain("kept on the service", error.Message);
        }
        finally
        {
            Run(locked.Item1!, locked.Item3, folder);
        }

        static bool Run(string tool, string argument, string path)
        {
            try
            {
                using var process = System.Diagnostics.Process.Start(tool, [argument, path]);
                process.WaitForExit();
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        static bool Writable(string path)
        {
            try
            {
                System.IO.File.WriteAllText(Path.Combine(path, "probe"), "x");
                System.IO.File.Delete(Path.Combine(path, "probe"));
                return true;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task CancellingADownloadLeavesNoFileBehind()
    {
        using var test = new TestClient();
        var body = new ScriptedStream();
        body.Write(Video[..5]);
        test.On(HttpMethod.Get, Foreign, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var cancellation = new CancellationTokenSource();
        var progress = new ListProgress<DownloadProgress>(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            test.Client.DownloadAsync(Completed(Foreign), test.Folder.File("out.mp4"), false, progress, cancellation.Token));

        Assert.Empty(Directory.GetFiles(test.Folder.Path));
    }

    [Fact]
    public async Task AnUnfinishedRenderHasNothingToDownload()
    {
        using var test = new TestClient();

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.DownloadAsync(
            Completed(Foreign) with { Status = RenderStatus.Processing }, test.Folder.File("out.mp4"), false, null, TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Download.NoOutput", error.ErrorId);
    }
}
