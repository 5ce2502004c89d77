using System.Net;
using System.Text.Json;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

public class UploadTests
{
    private const string Upload = TestClient.Api + "api/upload-video/nemo_agent/me/sess-1";

    [Fact]
    public async Task SendsTheFileAsMultipartFieldFilesAndReportsProgress()
    {
        using var test = new TestClient();
        var bytes = Enumerable.Range(0, 200_000).Select(value => (byte)(value % 251)).ToArray();
        var path = test.Folder.Write("holiday clip.mp4", bytes);
        var before = File.GetLastWriteTimeUtc(path);
        MultipartSeen? seen = null;
        test.On(HttpMethod.Post, Upload, request =>
        {
            seen = MultipartSeen.Read(request);
            return Responses.Ok("""{"media":[{"media_id":"m-1","name":"holiday clip.mp4","url":"https://cdn.test/m-1.mp4","size":200000}]}""");
        });
        var progress = new ListProgress<UploadProgress>();

        var media = await test.Client.UploadFileAsync(test.Session, path, progress, TestContext.Current.CancellationToken);

        Assert.NotNull(seen);
        Assert.Equal("files", seen!.Name);
        Assert.Equal("holiday clip.mp4", seen.FileName);
        Assert.Equal("video/mp4", seen.ContentType);
        Assert.Equal(bytes, seen.Bytes);
        var item = Assert.Single(media);
        Assert.Equal(("sess-1", "m-1", "holiday clip.mp4", "https://cdn.test/m-1.mp4", Path.GetFullPath(path), 200000L),
            (item.SessionId, item.MediaId, item.Name, item.Url, item.SourcePath, item.Length!.Value));
        Assert.Contains("\"media_id\":\"m-1\"", item.RawJson);
        Assert.Equal(new UploadProgress(Path.GetFullPath(path), 200000, 200000), progress.Items[^1]);
        Assert.True(progress.Items.Count > 1);
        Assert.Equal(progress.Items.Select(report => report.BytesSent).Order(), progress.Items.Select(report => report.BytesSent));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task MissingEmptyDirectoryWrongTypeAndTooLargeAreDistinctErrorsBeforeSending()
    {
        using var test = new TestClient();
        var empty = test.Folder.Write("empty.mp4", []);
        var text = test.Folder.Write("notes.txt", [1]);
        var huge = test.Folder.File("huge.mov");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(500_000_001);
        }

        var cases = new (string Path, string Id, NemoErrorCategory Category, string Advice)[]
        {
            (test.Folder.File("missing.mp4"), "Nemo.Upload.FileNotFound", NemoErrorCategory.ObjectNotFound, "Check the path"),
            (empty, "Nemo.Upload.EmptyFile", NemoErrorCategory.InvalidData, "written completely"),
            (test.Folder.Path, "Nemo.Upload.IsDirectory", NemoErrorCategory.InvalidArgument, "Get-ChildItem"),
            (text, "Nemo.Upload.UnsupportedType", NemoErrorCategory.InvalidType, "mp4, mov, avi"),
            (huge, "Nemo.Upload.FileTooLarge", NemoErrorCategory.LimitsExceeded, "500 MB"),
        };
        foreach (var (path, id, category, advice) in cases)
        {
            var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));
            Assert.Equal((id, category, path), (error.ErrorId, error.Category, error.Target));
            Assert.Contains(advice, error.Message);
        }

        Assert.Empty(test.Seen);
    }

    /// <summary>A reviewer's symbolic link to a video was measured as the link (13 bytes): the size checks, the progress
    /// total and the result's InputSize were the link's. The limits apply to the file it leads to.</summary>
    [Fact]
    public async Task ALinkToAFileIsMeasuredAsTheFileItLeadsTo()
    {
        using var test = new TestClient();
        var huge = test.Folder.File("huge.mov");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(500_000_001);
        }

        var link = test.Folder.File("link.mov");
        File.CreateSymbolicLink(link, huge);

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, link, null, TestContext.Current.CancellationToken));

        Assert.Equal(("Nemo.Upload.FileTooLarge", link), (error.ErrorId, error.Target));
        Assert.Empty(test.Seen);
    }

    [Theory]
    [InlineData(4001, "Nemo.Upload.UnsupportedType")]
    [InlineData(4002, "Nemo.Upload.FileTooLarge")]
    public async Task TheServicesRefusalsNameTheFile(int code, string errorId)
    {
        using var test = new TestClient();
        var path = test.Folder.Write("a.webm", [1, 2]);
        test.On(HttpMethod.Post, Upload, _ => Responses.Code(code));

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken));

        Assert.Equal((errorId, code, Path.GetFullPath(path)), (error.ErrorId, error.ApiCode, error.Target));
    }

    [Fact]
    public async Task UrlUploadSendsTheJsonBody()
    {
        using var test = new TestClient();
        test.On(HttpMethod.Post, Upload, _ => Responses.Ok("""[{"id":"m-7","url":"https://cdn.test/7.mp4"}]"""));

        var media = await test.Client.UploadUrlAsync(test.Session, new Uri("https://example.com/a.mp4"), TestContext.Current.CancellationToken);

        Assert.Equal("""{"urls":["https://example.com/a.mp4"],"source_type":"url"}""", test.Seen[0].Body);
        Assert.Equal("m-7", Assert.Single(media).MediaId);
        Assert.Null(media[0].SourcePath);
    }

    [Fact]
    public async Task UrlUploadRefusesNonHttpUrls()
    {
        using var test = new TestClient();

        var error = await Assert.ThrowsAsync<NemoException>(() => test.Client.UploadUrlAsync(test.Session, new Uri("file:///etc/passwd"), TestContext.Current.CancellationToken));

        Assert.Equal("Nemo.Upload.InvalidUrl", error.ErrorId);
        Assert.Empty(test.Seen);
    }

    [Theory]
    [InlineData("""{"media_id":"a","name":"x.mp4"}""", "a")]
    [InlineData("""[{"id":"a"},{"id":"b"}]""", "a,b")]
    [InlineData("""{"files":[{"file_id":"a","file_url":"u"}],"count":1}""", "a")]
    [InlineData("""{"result":{"uploaded":{"items":[{"url":"https://cdn.test/1"},{"asset_id":"b"}]}}}""", ",b")]
    [InlineData("""{"count":0}""", "")]
    public void MediaIsFoundWhateverTheNesting(string data, string ids)
    {
        using var document = JsonDocument.Parse(data);

        var media = MediaReader.Read(document.RootElement, "s", null, null);

        Assert.Equal(ids, string.Join(",", media.Select(item => item.MediaId)));
    }

    private sealed record MultipartSeen(string? Name, string? FileName, string? ContentType, byte[] Bytes)
    {
        public static MultipartSeen Read(HttpRequestMessage request)
        {
            var form = Assert.IsType<MultipartFormDataContent>(request.Content);
            var part = Assert.Single(form);
            var disposition = part.Headers.ContentDisposition!;
            return new MultipartSeen(
                disposition.Name?.Trim('"'),
                disposition.FileName?.Trim('"'),
                part.Headers.ContentType?.MediaType,
                part.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        }
    }
}
