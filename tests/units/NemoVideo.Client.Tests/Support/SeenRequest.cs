using System.Net.Http.Headers;

namespace NemoVideo.Client.Tests.Support;

/// <summary>A request as the fake server saw it, captured before the handler answered.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>Multipart bodies are streamed from files and can be read once, so the test's responder reads them instead.</summary>
    public static SeenRequest From(HttpRequestMessage request) =>
        new(request.Method, request.RequestUri!, request.Headers,
            request.Content is null or MultipartContent ? string.Empty : request.Content.ReadAsStringAsync().GetAwaiter().GetResult());
}
