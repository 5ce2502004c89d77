namespace NemoVideo.LocalServer.Api;

internal static class BaseUrl
{
    /// <summary>The URL the caller reached us at, so links in answers work from where the caller is.</summary>
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
