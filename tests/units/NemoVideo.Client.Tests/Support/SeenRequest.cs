using System.Net.Http.Headers;

namespace NemoVideo.Client.Tests.Support;

/// <summary>A request as the fake server saw it, captured before the handler answered.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static SeenRequest From(HttpRequestMessage request) =>
        new(request.Method, request.RequestUri!, request.Headers, request.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? string.Empty);
}
