using System.Security.Cryptography;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>The outcome of storing one upload: the media, or the error to answer.</summary>
public sealed record UploadOutcome(MediaItem? Media, ApiError? Error);

/// <summary>
/// Streams uploads to disk under the run folder (never whole in memory), enforces the type and size limits and
/// probes each file. The caller adds the stored files to the session only when the whole request succeeded
/// (<see cref="Discard"/> removes them otherwise), so one request is all or nothing.
/// </summary>
public sealed class UploadStore(LocalServerOptions options, MediaInspector inspector)
{
    private const int CopyBufferBytes = 81920;

    /// <param name="drainExcess">Read and drop the rest of an oversize body (a request body, so the client gets the
    /// answer); false for a URL fetch, which simply stops at the limit.</param>
    public async Task<UploadOutcome> StoreAsync(Session session, string originalName, Stream content, bool drainExcess,
        CancellationToken cancellationToken)
    {
        var name = UploadName.Leaf(originalName);
        if (AcceptedMediaTypes.KindOf(name) is not MediaKind kind)
        {
            return new UploadOutcome(null, ApiErrors.UnsupportedType(name));
        }

        var mediaId = "med_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var folder = Path.Combine(options.StateDirectory, "media", session.Id, mediaId);
        Directory.CreateDirectory(folder);
        // On disk under a name every file system takes; the media keeps the name the client sent.
        var finalPath = Path.Combine(folder, UploadName.ForDisk(name));
        var partialPath = finalPath + ".part";
        try
        {
            var written = await CopyWithLimitAsync(content, partialPath, drainExcess, cancellationToken);
            if (session.HasEnded)
            {
                return Ended(session, folder);
            }

            if (written > options.MaxUploadBytes)
            {
                return Discard(folder, ApiErrors.TooLarge(name, options.MaxUploadBytes));
            }

            var inspection = await inspector.ExamineAsync(partialPath, kind, cancellationToken);
            if (session.HasEnded)
            {
                // Its folder may have gone from under ffprobe: the refusal would blame the file.
                return Ended(session, folder);
            }

            if (inspection.Facts is not { } facts)
            {
                return Discard(folder, ApiErrors.UnreadableMedia(name, inspection.Refusal, inspection.Problem));
            }

            // An image file that holds a moving picture (an animated GIF) is a video to the engine.
            kind = inspection.Kind ?? kind;

            File.Move(partialPath, finalPath);
            var media = new MediaItem(mediaId, name, finalPath, written, kind, facts.DurationMs, facts.Width, facts.Height,
                facts.HasAudio, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))) { FrameRate = facts.FrameRate, VideoEndMs = facts.VideoEndMs };
            return new UploadOutcome(media, null);
        }
        catch (IOException) when (session.HasEnded)
        {
            // Dropped (idle, or over its client's limit) while the file arrived: the store deleted the session's folder
            // from under the copy. The session is what is missing, not the server's health.
            return Ended(session, folder);
        }
        catch
        {
            Rendering.RenderQueue.DeleteFolder(folder);
            throw;
        }
    }

    private static UploadOutcome Ended(Session session, string folder) => Discard(folder, ApiErrors.SessionNotFound(session.Id));

    /// <summary>
    /// Stops storing once the limit is passed, so an oversize file never lands whole on disk; the rest is read and
    /// dropped so the client gets the answer instead of a reset connection.
    /// </summary>
    private async Task<long> CopyWithLimitAsync(Stream content, string path, bool drainExcess, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferBytes];
        long written = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true);
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            written += read;
            if (written > options.MaxUploadBytes)
            {
                if (drainExcess)
                {
                    await content.CopyToAsync(Stream.Null, cancellationToken);
                }

                return written;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return written;
    }

    /// <summary>Removes a stored file that will not be kept (another file of its request failed).</summary>
    public void Discard(MediaItem media) => Rendering.RenderQueue.DeleteFolder(Path.GetDirectoryName(media.FilePath)!);

    private static UploadOutcome Discard(string folder, ApiError error)
    {
        Rendering.RenderQueue.DeleteFolder(folder);
        return new UploadOutcome(null, error);
    }
}
