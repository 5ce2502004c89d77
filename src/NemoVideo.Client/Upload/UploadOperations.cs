using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Uploads files and URLs. An upload is not idempotent (the service may have stored the file before the answer was
    /// lost), so after a transient failure the session's state is read first: a file it already lists is taken from
    /// there, and only a file it does not list is sent again.
    /// </summary>
    internal sealed class UploadOperations(ApiTransport transport, StateOperations states)
    {
        private const int CopyBufferBytes = 81920;

        public async Task<IReadOnlyList<NemoMedia>> UploadFileAsync(
            NemoSession session,
            string path,
            IProgress<UploadProgress>? progress,
            CancellationToken cancellationToken)
        {
            var (file, total) = UploadPreflight.Check(path, transport.Options.MaxUploadBytes, transport.Options.AcceptsTransportStreams);
            var contentType = UploadRules.MediaTypeOf(file.Extension, transport.Options.AcceptsTransportStreams)!;
            var opened = new List<IDisposable>();
            HttpContent CreateContent()
            {
                // Read-only and shared: the source file is never opened for writing, and others may keep reading it.
                var fileStream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
                var counted = new ProgressReadStream(fileStream, sent => progress?.Report(new UploadProgress(file.FullName, sent, total)));
                var part = new StreamContent(counted, CopyBufferBytes);
                part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                part.Headers.ContentLength = total;
                part.Headers.ContentDisposition = MultipartFileName.FormData("files", file.Name);
                var form = new MultipartFormDataContent { part };
                opened.Add(form);
                return form;
            }

            // Not idempotent: after a failure the service may have stored the file; the state says whether it did.
            var call = new ApiCall(HttpMethod.Post, UploadPath(session), Idempotent: false, file.FullName, CreateContent) { SessionId = session.SessionId };
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
                        return MediaReader.Read(payload, session.SessionId, file.FullName, total);
                    }
                    catch (NemoException error) when (Transience.IsTransient(error) && attempt < Transience.CheckedAttempts)
                    {
                        await transport.Time.Delay(Transience.Delay(attempt - 1), cancellationToken).ConfigureAwait(false);
                        var stored = await FindStoredAsync(session, file, total, cancellationToken).ConfigureAwait(false);
                        if (stored.Count > 0)
                        {
                            transport.Log.Verbose($"the upload of {file.Name} failed ({error.Message}) but the session lists it; not sending it again");
                            return stored;
                        }

                        transport.Log.Verbose($"the upload of {file.Name} failed ({error.Message}) and the session does not list it; sending it again");
                    }
                }
            }
            finally
            {
                opened.ForEach(content => content.Dispose());
            }
        }

        /// <summary>The media of <paramref name="session"/> named like <paramref name="file"/> (and of its
        /// <paramref name="length"/> in bytes, the file a link leads to, where the service gives a size).</summary>
        public async Task<IReadOnlyList<NemoMedia>> FindStoredAsync(NemoSession session, FileInfo file, long length, CancellationToken cancellationToken)
        {
            var state = await states.GetAsync(session, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(state.RawJson);
            if (!JsonFields.TryGet(document.RootElement, out var infos, "video_infos", "videoInfos", "media"))
            {
                return Array.Empty<NemoMedia>();
            }

            return MediaReader.Read(infos, session.SessionId, file.FullName, length)
                .Where(media => string.Equals(media.Name, file.Name, StringComparison.Ordinal) && (media.Length is null || media.Length == length))
                .ToList();
        }

        public async Task<IReadOnlyList<NemoMedia>> UploadUrlAsync(NemoSession session, Uri url, CancellationToken cancellationToken)
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Failure.Of(
                    NemoErrorIds.UploadInvalidUrl,
                    NemoErrorCategory.InvalidArgument,
                    $"'{url}' is not an http(s) URL the service can fetch.",
                    "Pass an absolute http:// or https:// address.",
                    url?.ToString());
            }

            var body = new { urls = new[] { url.AbsoluteUri }, source_type = "url" };
            var call = new ApiCall(HttpMethod.Post, UploadPath(session), Idempotent: false, url.AbsoluteUri, () => JsonContent.From(body));
            var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            return MediaReader.Read(payload, session.SessionId, null, null);
        }

        private static string UploadPath(NemoSession session) =>
            $"api/upload-video/nemo_agent/me/{Uri.EscapeDataString(session.SessionId)}";
    }
}
