using System.Net.Http.Headers;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>Any name a file system allows reaches the service exactly (RFC 7578 filename*), with a plain-ASCII fallback.</summary>
public class MultipartFileNameTests
{
    private const string Upload = TestClient.Api + "api/upload-video/nemo_agent/me/sess-1";

    public static TheoryData<string> Names => new()
    {
        "say \"cheese\".mp4",
        "part 1; part 2.mp4",
        "back\\slash.mp4",
        "假期 视频.mp4",
        "100% done.mp4",
        "café – naïve 🎬.mov",
        "a \"b\"; c\\d 50% 中文.mp4",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_exact_name_travels_in_filename_star_and_the_fallback_is_plain_ascii(string name)
    {
        using var test = new TestClient();
        var path = test.Folder.Write(name, new byte[1000]);
        ContentDispositionHeaderValue? sent = null;
        test.On(HttpMethod.Post, Upload, request =>
        {
            var part = Assert.Single(Assert.IsType<MultipartFormDataContent>(request.Content));
            // Re-parsed from the header text, as a server sees it.
            sent = ContentDispositionHeaderValue.Parse(part.Headers.GetValues("Content-Disposition").Single());
            return Responses.Ok("""{"media":[{"media_id":"m-1"}]}""");
        });

        await test.Client.UploadFileAsync(test.Session, path, null, TestContext.Current.CancellationToken);

        Assert.NotNull(sent);
        Assert.Equal("form-data", sent!.DispositionType);
        Assert.Equal("files", sent.Name!.Trim('"'));
        Assert.Equal(name, sent.FileNameStar);
        var fallback = sent.FileName!.Trim('"');
        Assert.All(fallback, character => Assert.True(character is >= ' ' and < '\x7f' and not '"' and not '\\' and not '%', $"'{character}' in {fallback}"));
        Assert.Equal(Path.GetExtension(name), Path.GetExtension(fallback));
    }

    [Theory]
    [InlineData("plain.mp4", "plain.mp4")]
    [InlineData("a%20b.mp4", "a%2520b.mp4")]
    [InlineData("ü.mp4", "%C3%BC.mp4")]
    [InlineData("x\"y.mp4", "x%22y.mp4")]
    public void Percent_encoding_follows_RFC_8187(string name, string encoded) =>
        Assert.Equal(encoded, MultipartFileName.PercentEncode(name));
}
