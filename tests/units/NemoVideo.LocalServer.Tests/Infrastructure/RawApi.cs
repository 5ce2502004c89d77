using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>
/// The contract spoken by hand: raw HTTP with hand-written JSON, no client library. Each call returns the parsed
/// body so tests can check the envelope and field names exactly.
/// </summary>
internal sealed class RawApi(TestServer server)
{
    public TestServer Server { get; } = server;

    public async Task<string> AnonymousTokenAsync(string clientId = "11111111-2222-3333-4444-555555555555")
    {
        using var request = Server.Request(HttpMethod.Post, "/api/auth/anonymous-token", token: null);
        request.Headers.Add("X-Client-Id", clientId);
        var body = await SendAsync(request);
        return body["data"]!["token"]!.GetValue<string>();
    }

    public async Task<string> SessionAsync(string token)
    {
        var body = await PostJsonAsync("/api/tasks/me/with-session/nemo_agent", token, """{"task_name":"project","language":"en"}""");
        return body["data"]!["session_id"]!.GetValue<string>();
    }

    /// <summary>A fresh anonymous token and a session opened with it.</summary>
    public async Task<(string Token, string SessionId)> NewSessionAsync()
    {
        var token = await AnonymousTokenAsync();
        return (token, await SessionAsync(token));
    }

    /// <summary>A fresh session with the small test clip uploaded (and so on the draft's video track).</summary>
    public async Task<(string Token, string SessionId)> NewSessionWithVideoAsync()
    {
        var (token, sessionId) = await NewSessionAsync();
        (await UploadAsync(token, sessionId, await TestClips.SmallAsync())).Response.Dispose();
        return (token, sessionId);
    }

    public async Task<(HttpResponseMessage Response, JsonNode Body)> UploadAsync(string token, string sessionId, string path, string? fileName = null)
    {
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "files", fileName ?? Path.GetFileName(path));
        using var request = Server.Request(HttpMethod.Post, $"/api/upload-video/nemo_agent/me/{sessionId}", token, content);
        var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await ParseAsync(response));
    }

    /// <summary>Sends an instruction and returns the whole event stream text.</summary>
    public async Task<string> RunAsync(string token, string sessionId, string instruction)
    {
        var json = new JsonObject
        {
            ["app_name"] = "nemo_agent",
            ["user_id"] = "me",
            ["session_id"] = sessionId,
            ["new_message"] = new JsonObject
            {
                ["role"] = "user",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = instruction }),
            },
        };
        using var request = Server.Request(HttpMethod.Post, "/run_sse", token, new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async Task<JsonNode> StateAsync(string token, string sessionId)
    {
        using var request = Server.Request(HttpMethod.Get, $"/api/state/nemo_agent/me/{sessionId}/latest", token);
        return await SendAsync(request);
    }

    public async Task<JsonNode> DraftAsync(string token, string sessionId) =>
        (await StateAsync(token, sessionId))["data"]!["state"]!["draft"]!;

    public Task<JsonNode> SubmitRenderAsync(string token, string sessionId, JsonNode draft, string renderId) =>
        PostJsonAsync("/api/render/proxy/lambda", token,
            $$$"""{"id":"{{{renderId}}}","sessionId":"{{{sessionId}}}","draft":{{{draft.ToJsonString()}}},"output":{"format":"mp4","quality":"high"}}""");

    public async Task<JsonNode> PollAsync(string token, string renderId)
    {
        using var request = Server.Request(HttpMethod.Get, $"/api/render/proxy/lambda/{renderId}", token);
        return await SendAsync(request);
    }

    /// <summary>Polls every 100 ms until the job is completed or failed.</summary>
    public async Task<JsonNode> WaitForRenderAsync(string token, string renderId)
    {
        while (true)
        {
            var job = await PollAsync(token, renderId);
            if (job["status"]!.GetValue<string>() is "completed" or "failed")
            {
                return job;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async Task<JsonNode> PostJsonAsync(string path, string? token, string json)
    {
        using var request = Server.Request(HttpMethod.Post, path, token, new StringContent(json, Encoding.UTF8, "application/json"));
        return await SendAsync(request);
    }

    public async Task<JsonNode> SendAsync(HttpRequestMessage request) => (await ExchangeAsync(request)).Body;

    /// <summary>The HTTP status and the parsed body, for error checks.</summary>
    public async Task<(int Status, JsonNode Body)> ExchangeAsync(HttpRequestMessage request)
    {
        using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ParseAsync(response));
    }

    private static async Task<JsonNode> ParseAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text) ?? throw new JsonException($"Empty body (HTTP {(int)response.StatusCode}).");
    }
}
