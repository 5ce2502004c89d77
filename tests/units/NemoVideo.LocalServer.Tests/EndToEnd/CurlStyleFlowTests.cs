using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NemoVideo.LocalServer.Tests.Infrastructure;

namespace NemoVideo.LocalServer.Tests.EndToEnd;

/// <summary>
/// The whole flow the way curl follows the contract: a bare HttpClient, JSON typed by hand, values picked out of the
/// answers by the field names the contract publishes. Proves a client written only from the contract works.
/// </summary>
public class CurlStyleFlowTests
{
    [Fact]
    public async Task AContractOnlyClientCompletesTheFlow()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Add("X-Skill-Source", "curl");
        http.DefaultRequestHeaders.Add("X-Skill-Version", "1.9");
        http.DefaultRequestHeaders.Add("X-Skill-Platform", "unknown");

        // curl -X POST -H "X-Client-Id: <uuid>" $API/api/auth/anonymous-token
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/anonymous-token");
        tokenRequest.Headers.Add("X-Client-Id", "0f8fad5b-d9cb-469f-a165-70867728950e");
        var token = Data(await SendAsync(http, tokenRequest)).GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var session = Data(await PostJsonAsync(http, "/api/tasks/me/with-session/nemo_agent", """{"task_name":"project","language":"en"}"""));
        var sessionId = session.GetProperty("session_id").GetString()!;

        // curl -F "files=@clip.mp4" $API/api/upload-video/nemo_agent/me/$SID
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(await TestClips.SmallAsync())), "files", "clip.mp4" } };
        using var uploadRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}") { Content = form };
        var upload = await SendAsync(http, uploadRequest);

        using var sseRequest = new HttpRequestMessage(HttpMethod.Post, "/run_sse")
        {
            Content = new StringContent(
                "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + sessionId +
                "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"压缩到200KB以内，去掉声音\"}]}}",
                Encoding.UTF8, "application/json"),
        };
        sseRequest.Headers.Accept.ParseAdd("text/event-stream");
        using var sse = await http.SendAsync(sseRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var stream = await sse.Content.ReadAsStringAsync(cancellationToken);

        var state = Data(await GetAsync(http, $"/api/state/nemo_agent/me/{sessionId}/latest")).GetProperty("state");
        var draft = state.GetProperty("draft").GetRawText();
        var render = await PostJsonAsync(http, "/api/render/proxy/lambda",
            "{\"id\":\"render_1700000000000\",\"sessionId\":\"" + sessionId + "\",\"draft\":" + draft +
            ",\"output\":{\"format\":\"mp4\",\"quality\":\"high\"}}");
        JsonElement job;
        do
        {
            await Task.Delay(200, cancellationToken);
            job = await GetAsync(http, "/api/render/proxy/lambda/render_1700000000000");
        }
        while (job.GetProperty("status").GetString() is "pending" or "processing");

        var credits = Data(await GetAsync(http, "/api/credits/balance/simple"));
        using var plain = new HttpClient();
        var file = await plain.GetByteArrayAsync(job.GetProperty("output").GetProperty("url").GetString(), cancellationToken);

        Assert.StartsWith("nmv_usr_", token);
        Assert.Equal(0, upload.GetProperty("code").GetInt32());
        Assert.Equal("text/event-stream", sse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"turnComplete\":true", stream);
        Assert.Equal(200_000, state.GetProperty("draft").GetProperty("m").GetProperty("compression").GetProperty("max_bytes").GetInt64());
        Assert.Equal(0, render.GetProperty("code").GetInt32());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.True(credits.GetProperty("available").GetInt64() > 0);
        Assert.InRange(file.Length, 1, 200_000);
        Assert.All(new[] { upload.GetRawText(), stream, state.GetRawText(), job.GetRawText() }, answer => Assert.DoesNotContain(token, answer));
        Assert.Equal(job.GetProperty("output").GetProperty("size").GetInt64(), file.Length);
    }

    private static JsonElement Data(JsonElement envelope)
    {
        Assert.Equal(0, envelope.GetProperty("code").GetInt32());
        return envelope.GetProperty("data");
    }

    private static Task<JsonElement> GetAsync(HttpClient http, string path) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<JsonElement> PostJsonAsync(HttpClient http, string path, string json) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        }
    }
}
