using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>URL uploads: fetches an http(s) URL as a stream straight into <see cref="UploadStore"/>.</summary>
public sealed class UrlFetcher(IHttpClientFactory clients, UploadStore store, Hosting.LocalServerOptions options)
{
    public const string ClientName = "url-uploads";

    public async Task<UploadOutcome> FetchAsync(Session session, string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new UploadOutcome(null, ApiErrors.BadRequest($"'{url}' is not an http(s) URL."));
        }

        var name = Uri.UnescapeDataString(uri.Segments[^1]).Trim('/');
        if (AcceptedMediaTypes.KindOf(name) is null)
        {
            return new UploadOutcome(null, ApiErrors.UnsupportedType(name.Length == 0 ? url : name));
        }

        try
        {
            using var response = await clients.CreateClient(ClientName)
                .GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new UploadOutcome(null, ApiErrors.BadRequest($"Fetching '{url}' failed: HTTP {(int)response.StatusCode}."));
            }

            if (response.Content.Headers.ContentLength > options.MaxUploadBytes)
            {
                // Announced as too large: refuse before fetching a byte of it.
                return new UploadOutcome(null, ApiErrors.TooLarge(name, options.MaxUploadBytes));
            }

            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await store.StoreAsync(session, name, content, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            return new UploadOutcome(null, ApiErrors.BadRequest($"Fetching '{url}' failed: {error.Message}"));
        }
    }
}
