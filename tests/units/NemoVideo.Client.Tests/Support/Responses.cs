using System.Net;
using System.Text;

namespace NemoVideo.Client.Tests.Support;

public static class Responses
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>The usual envelope around <paramref name="dataJson"/>.</summary>
    public static HttpResponseMessage Ok(string dataJson) => Json($$"""{"code":0,"message":"ok","data":{{dataJson}}}""");

    public static HttpResponseMessage Code(int code, string message = "failed", HttpStatusCode status = HttpStatusCode.OK) =>
        Json($$"""{"code":{{code}},"message":"{{message}}","data":null}""", status);

    public static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(string.Empty) };
        if (retryAfter.HasValue)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter.Value);
        }

        return response;
    }

    public static HttpResponseMessage EventStream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public static HttpResponseMessage EventStream(string text) => EventStream(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static string Token(string token) => $$$"""{"code":0,"data":{"token":"{{{token}}}","credits":100}}""";
}
