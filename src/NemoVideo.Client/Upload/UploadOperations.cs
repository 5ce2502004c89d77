using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    internal sealed class UploadOperations(ApiTransport transport)
    {
        private const int CopyBufferBytes = 81920;

        public async Task<IReadOnlyList<NemoMedia>> UploadFileAsync(
            NemoSession session,
            string path,
            IProgress<UploadProgress>? progress,
            CancellationToken cancellationToken)
        {
            var file = UploadPreflight.Check(path, transport.Options.MaxUploadBytes);
            var total = file.Length;
            var opened = new List<IDisposable>();
            HttpContent CreateContent()
            {
                // Read-only and shared: the source file is never opened for writing, and others may keep reading it.
                var fileStream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
                var counted = new ProgressReadStream(fileStream, sent => progress?.Report(new UploadProgress(file.FullName, sent, total)));
                var part = new StreamContent(counted, CopyBufferBytes);
                part.Headers.ContentType = new MediaTypeHeaderValue(UploadRules.MediaTypes[file.Extension]);
                part.Headers.ContentLength = total;
                part.Headers.ContentDisposition = MultipartFileName.FormData("files", file.Name);
                var form = new MultipartFormDataContent { part };
                opened.Add(form);
                return form;
            }

            // Not idempotent: after a network failure the service may have stored the file, with no way to ask.
            var call = new ApiCall(HttpMethod.Post, UploadPath(session), Idempotent: false, file.FullName, CreateContent);
            try
            {
                var payload = await transport.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
                return MediaReader.Read(payload, session.SessionId, file.FullName, total);
            }
            finally
            {
                opened.ForEach(content => content.Dispose());
            }
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
