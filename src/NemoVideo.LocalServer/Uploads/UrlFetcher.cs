using System.Diagnostics;
using System.Net;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>
/// URL uploads: fetches an http(s) URL as a stream straight into <see cref="UploadStore"/>. Only public addresses are
/// reached (<see cref="GuardedConnections"/>) unless the operator opts in; redirects are followed here, each hop
/// checked the same way; the size limit stops the transfer as it streams; a whole fetch must end within
/// <see cref="Hosting.LocalServerOptions.UrlFetchTimeout"/> and keep up <see cref="Hosting.LocalServerOptions.UrlMinBytesPerSecond"/>.
/// Error texts say only that a URL was refused or could not be fetched, never which local ports answered.
/// </summary>
public sealed class UrlFetcher(IHttpClientFactory clients, UploadStore store, Hosting.LocalServerOptions options, ILogger<UrlFetcher> logger)
{
    public const string ClientName = "url-uploads";

    private long _bytesFetched;

    /// <summary>Body bytes read from URL sources since the server started (what the limits bound).</summary>
    internal long BytesFetched => Interlocked.Read(ref _bytesFetched);

    public async Task<UploadOutcome> FetchAsync(Session session, string url, CancellationToken cancellationToken)
    {
        // Every text below shows the URL without its credentials (user:pass@, query): errors reach clients and logs.
        var shown = ShownUrl.Of(url);
        if (!IsWebUrl(url, out var uri))
        {
            return Failure(ApiErrors.BadRequest($"'{shown}' is not an http(s) URL."));
        }

        var name = Uri.UnescapeDataString(uri.Segments[^1]).Trim('/');
        if (AcceptedMediaTypes.KindOf(name) is null)
        {
            return Failure(ApiErrors.UnsupportedType(name.Length == 0 ? shown : name));
        }

        var started = Stopwatch.GetTimestamp();
        using var watchdog = new TransferWatchdog(options.UrlFetchTimeout, options.UrlMinBytesPerSecond, options.UrlRateWindow, cancellationToken);
        try
        {
            using var response = await GetFollowingRedirectsAsync(uri, watchdog.Token);
            if (response is null)
            {
                return Failure(ApiErrors.BadRequest($"Fetching '{shown}' failed: more than {options.UrlMaxRedirects} redirects, or a redirect to a non-http(s) URL."));
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failure(ApiErrors.BadRequest($"Fetching '{shown}' failed: HTTP {(int)response.StatusCode}."));
            }

            if (response.Content.Headers.ContentLength > options.MaxUploadBytes)
            {
                // Announced as too large: refuse before fetching a byte of it.
                return Failure(ApiErrors.TooLarge(name, options.MaxUploadBytes));
            }

            await using var content = new CountingStream(await response.Content.ReadAsStreamAsync(watchdog.Token), watchdog, this);
            return await store.StoreAsync(session, name, content, drainExcess: false, watchdog.Token);
        }
        catch (Exception error) when (Refused(error))
        {
            return Failure(ApiErrors.BadRequest(
                $"Fetching '{shown}' was refused: it leads to a loopback, private or link-local address. "
                + "The server's operator can allow such sources with --allow-private-urls or --allow-url-host."));
        }
        catch (OperationCanceledException) when (watchdog.Fired is string reason && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("URL upload ended after {Seconds:0.0} s: {Reason}", Stopwatch.GetElapsedTime(started).TotalSeconds, reason);
            return Failure(ApiErrors.BadRequest($"Fetching '{shown}' was stopped: {reason}"));
        }
        catch (HttpRequestException)
        {
            // The inner message would tell a closed port from a silent one; the client learns only that it failed.
            return Failure(ApiErrors.BadRequest($"Fetching '{shown}' failed: the source could not be reached or broke off."));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(ApiErrors.BadRequest($"Fetching '{shown}' failed: the source broke off."));
        }
    }

    internal void CountFetched(int bytes) => Interlocked.Add(ref _bytesFetched, bytes);

    /// <returns>The final response, or null after too many redirects or a redirect to a non-http(s) URL.</returns>
    private async Task<HttpResponseMessage?> GetFollowingRedirectsAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        for (var hop = 0; hop <= options.UrlMaxRedirects; hop++)
        {
            var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not Uri location)
            {
                return response;
            }

            response.Dispose();
            if (!IsWebUrl(new Uri(uri, location).AbsoluteUri, out uri))
            {
                return null;
            }
        }

        return null;
    }

    private static bool IsWebUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool Refused(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is RefusedAddressException)
            {
                return true;
            }
        }

        return false;
    }

    private static UploadOutcome Failure(ApiError error) => new(null, error);

    /// <summary>Counts body bytes for the rate watchdog and the fetched-bytes figure.</summary>
    private sealed class CountingStream(Stream inner, TransferWatchdog watchdog, UrlFetcher fetcher) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            watchdog.Count(read);
            fetcher.CountFetched(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
