using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Fetches a finished render into a temporary file beside the destination and renames it only when complete, so a
    /// reader never sees half a video and an interrupted run leaves the old file intact. Tries <c>output.url</c> first
    /// (often pre-signed storage on another host, which never sees the token), then the API's own download path.
    /// A connection that breaks mid-file is resumed with Range where the server answers 206.
    /// </summary>
    internal sealed class RenderDownloader(ApiTransport transport)
    {
        public const int MaxResumes = 3;
        public const int DownloadRounds = 3;
        private const int CopyBufferBytes = 81920;

        public async Task<DownloadResult> DownloadAsync(
            RenderJob job,
            string destinationPath,
            bool overwrite,
            IProgress<DownloadProgress>? progress,
            CancellationToken cancellationToken)
        {
            var target = ResolveTarget(destinationPath, job);
            if (File.Exists(target) && !overwrite)
            {
                throw Exists(target);
            }

            if (job.Status != RenderStatus.Completed)
            {
                throw Failure.Of(
                    NemoErrorIds.DownloadNoOutput,
                    NemoErrorCategory.InvalidOperation,
                    $"Render {job.Id} is {job.Status}, not completed, so there is nothing to download yet.",
                    "Wait for the render to complete, then download.",
                    job.Id);
            }

            var folder = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".partial");
            try
            {
                var length = await FetchFirstAvailableAsync(job, temporary, target, progress, cancellationToken).ConfigureAwait(false);
                Commit(temporary, target, overwrite);
                transport.Log.Verbose($"downloaded render {job.Id} to {target} ({length} bytes)");
                return new DownloadResult(target, length, job.Id) { Notes = job.Notes, Warnings = job.Warnings };
            }
            catch (UnauthorizedAccessException denied)
            {
                // A folder that refuses the file fails the same way on every try, so it is not retried.
                throw Failure.Of(
                    NemoErrorIds.DownloadFailed,
                    NemoErrorCategory.PermissionDenied,
                    $"Render {job.Id} finished but could not be saved to {target}: {Unhide(denied.Message, temporary, target)}",
                    "Make the folder writable or choose another destination, then download again.",
                    target,
                    inner: denied);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        /// <summary>The user knows the file they asked for, not the hidden temporary beside it that a failure names.</summary>
        private static string? Unhide(string? message, string temporary, string target) => message?.Replace(temporary, target);

        private static string ResolveTarget(string destinationPath, RenderJob job)
        {
            var full = Path.GetFullPath(destinationPath);
            var isFolder = Directory.Exists(full)
                || destinationPath.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
                || destinationPath.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
            return isFolder ? Path.Combine(full, job.Id + OutputExtension(job.OutputUrl)) : full;
        }

        private static readonly string[] VideoExtensions = { ".mp4", ".webm", ".mov", ".mkv", ".m4v" };

        /// <summary>
        /// The extension of the output as the service names it in its link (the local server's <c>/files/&lt;key&gt;/&lt;id&gt;.webm</c>,
        /// a storage link's <c>…/&lt;name&gt;.mp4?signature</c>); <c>.mp4</c>, the contract's export format, when the link names
        /// none. A WebM or MOV export saved into a folder was named <c>.mp4</c>.
        /// </summary>
        internal static string OutputExtension(string? outputUrl)
        {
            if (Uri.TryCreate(outputUrl, UriKind.Absolute, out var link))
            {
                var extension = Path.GetExtension(Uri.UnescapeDataString(link.AbsolutePath)).ToLowerInvariant();
                if (Array.IndexOf(VideoExtensions, extension) >= 0)
                {
                    return extension;
                }
            }

            return ".mp4";
        }

        private async Task<long> FetchFirstAvailableAsync(
            RenderJob job,
            string temporary,
            string target,
            IProgress<DownloadProgress>? progress,
            CancellationToken cancellationToken)
        {
            var sources = new List<Uri>();
            if (Uri.TryCreate(job.OutputUrl, UriKind.Absolute, out var output))
            {
                sources.Add(output);
            }
            else if (!string.IsNullOrEmpty(job.OutputUrl) && Uri.TryCreate(transport.Options.ApiBaseUrl, job.OutputUrl, out var relative))
            {
                sources.Add(relative);
            }

            sources.Add(new Uri(transport.Options.ApiBaseUrl, $"api/render/proxy/{Uri.EscapeDataString(job.Id)}/download"));
            Exception? lastError = null;
            // Downloading is free and repeatable: when every source failed for a reason that may pass (busy, lost
            // connection), all are tried again after a pause, a few times, before giving up.
            for (var round = 0; round < DownloadRounds; round++)
            {
                if (round > 0)
                {
                    await transport.Time.Delay(Transience.Delay(round - 1), cancellationToken).ConfigureAwait(false);
                }

                foreach (var source in sources)
                {
                    try
                    {
                        return await FetchAsync(source, temporary, target, progress, followJsonLink: true, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception error) when ((error is NemoException || error is IOException || error is HttpRequestException)
                        && !(error is NemoException refusal && Transience.IsAccountRefusal(refusal)))
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }

                        transport.Log.Verbose($"download from {source.GetLeftPart(UriPartial.Path)} failed: {error.Message}");
                        lastError = error;
                    }
                }

                if (lastError is NemoException { HttpStatus: int status } && status < 500 && status != 429)
                {
                    break;
                }
            }

            throw Failure.Of(
                NemoErrorIds.DownloadFailed,
                NemoErrorCategory.ReadError,
                $"Render {job.Id} finished but could not be downloaded to {target}: {Unhide(lastError?.Message, temporary, target)}",
                $"It was tried {DownloadRounds} times from every source; run the command again later, the render is kept on the service.",
                job.Id,
                inner: lastError);
        }

        private async Task<long> FetchAsync(
            Uri source,
            string temporary,
            string target,
            IProgress<DownloadProgress>? progress,
            bool followJsonLink,
            CancellationToken cancellationToken)
        {
            using var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true);
            long received = 0;
            for (var resumes = 0; ; resumes++)
            {
                using var request = await CreateRequestAsync(source, cancellationToken).ConfigureAwait(false);
                if (received > 0)
                {
                    request.Headers.Range = new RangeHeaderValue(received, null);
                }

                using var response = await transport.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw Failure.Of(
                        NemoErrorIds.DownloadFailed,
                        NemoErrorCategory.ReadError,
                        $"The download answered HTTP {(int)response.StatusCode}.",
                        "The next source is tried.",
                        target,
                        httpStatus: (int)response.StatusCode);
                }

                if (followJsonLink && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // The API's download path may answer with a link rather than the file.
                    var link = await ReadLinkAsync(response, source).ConfigureAwait(false);
                    file.Dispose();
                    return await FetchAsync(link, temporary, target, progress, followJsonLink: false, cancellationToken).ConfigureAwait(false);
                }

                if (received > 0 && response.StatusCode != HttpStatusCode.PartialContent)
                {
                    // The server ignored the Range header and sent the whole file again: start over.
                    file.SetLength(0);
                    received = 0;
                }

                var total = response.Content.Headers.ContentLength + received;
                try
                {
                    received = await CopyAsync(response, file, received, total, target, progress, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return received;
                }
                catch (Exception error) when ((error is IOException || error is HttpRequestException) && resumes < MaxResumes && !cancellationToken.IsCancellationRequested)
                {
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    received = file.Length;
                    transport.Log.Verbose($"download broke after {received} bytes ({error.Message}); resuming");
                }
            }
        }

        private async Task<HttpRequestMessage> CreateRequestAsync(Uri source, CancellationToken cancellationToken)
        {
            if (!transport.Requests.IsApiHost(source))
            {
                return transport.Requests.CreateForeign(source);
            }

            var token = await transport.Tokens.GetAsync(transport, cancellationToken).ConfigureAwait(false);
            return transport.Requests.CreateApi(HttpMethod.Get, source, token);
        }

        private static async Task<long> CopyAsync(
            HttpResponseMessage response,
            FileStream file,
            long received,
            long? total,
            string target,
            IProgress<DownloadProgress>? progress,
            CancellationToken cancellationToken)
        {
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[CopyBufferBytes];
            int read;
            while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                received += read;
                progress?.Report(new DownloadProgress(target, received, total));
            }

            return received;
        }

        private static async Task<Uri> ReadLinkAsync(HttpResponseMessage response, Uri source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }
            catch (JsonException error)
            {
                throw new IOException("the download answer was neither a file nor JSON", error);
            }

            using var owner = document;
            var payload = ApiReply.Parse(document.RootElement).Payload;
            var link = JsonFields.TryGet(payload, out var output, "output") ? JsonFields.String(output, "url") : null;
            link ??= JsonFields.String(payload, "url", "download_url", "output_url");
            if (link is null || !Uri.TryCreate(source, link, out var uri))
            {
                throw new IOException("the download answer named no file");
            }

            return uri;
        }

        private static void Commit(string temporary, string target, bool overwrite)
        {
            try
            {
                if (overwrite && File.Exists(target))
                {
                    File.Replace(temporary, target, null);
                }
                else
                {
                    File.Move(temporary, target);
                }
            }
            catch (IOException) when (File.Exists(target) && !overwrite)
            {
                // Someone created the file while we downloaded; it is theirs to keep.
                throw Exists(target);
            }
        }

        private static NemoException Exists(string target) =>
            Failure.Of(
                NemoErrorIds.DownloadFileExists,
                NemoErrorCategory.ResourceExists,
                $"'{target}' already exists.",
                "Use -Force to replace it, or choose another name.",
                target);
    }
}
