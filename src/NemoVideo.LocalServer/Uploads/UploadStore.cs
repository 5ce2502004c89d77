using System.Security.Cryptography;
using NemoVideo.LocalServer.Api;
using NemoVideo.LocalServer.Hosting;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>The outcome of storing one upload: the media, or the error to answer.</summary>
public sealed record UploadOutcome(MediaItem? Media, ApiError? Error);

/// <summary>
/// Streams uploads to disk under the data directory (never whole in memory), enforces the type and size limits,
/// probes each file, and adds it to the session. A file becomes visible only once it is complete and readable.
/// </summary>
public sealed class UploadStore(LocalServerOptions options, MediaInspector inspector)
{
    private const int CopyBufferBytes = 81920;

    public async Task<UploadOutcome> StoreAsync(Session session, string originalName, Stream content, CancellationToken cancellationToken)
    {
        var name = SafeFileName(originalName);
        if (AcceptedMediaTypes.KindOf(name) is not MediaKind kind)
        {
            return new UploadOutcome(null, ApiErrors.UnsupportedType(name));
        }

        var mediaId = "med_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var folder = Path.Combine(options.DataDirectory, "media", session.Id, mediaId);
        Directory.CreateDirectory(folder);
        var finalPath = Path.Combine(folder, name);
        var partialPath = finalPath + ".part";
        try
        {
            var written = await CopyWithLimitAsync(content, partialPath, cancellationToken);
            if (written > options.MaxUploadBytes)
            {
                return Discard(folder, ApiErrors.TooLarge(name, options.MaxUploadBytes));
            }

            var inspection = await inspector.ExamineAsync(partialPath, kind, cancellationToken);
            if (inspection.Facts is not { } facts)
            {
                return Discard(folder, ApiErrors.UnreadableMedia(name, inspection.Refusal));
            }

            File.Move(partialPath, finalPath);
            var media = new MediaItem(mediaId, name, finalPath, written, kind, facts.DurationMs, facts.Width, facts.Height,
                facts.HasAudio, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            session.AddMedia(media);
            return new UploadOutcome(media, null);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Stops storing once the limit is passed, so an oversize file never lands whole on disk; the rest is read and
    /// dropped so the client gets the answer instead of a reset connection.
    /// </summary>
    private async Task<long> CopyWithLimitAsync(Stream content, string path, CancellationToken cancellationToken)
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
                await content.CopyToAsync(Stream.Null, cancellationToken);
                return written;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return written;
    }

    private static UploadOutcome Discard(string folder, ApiError error)
    {
        Directory.Delete(folder, recursive: true);
        return new UploadOutcome(null, error);
    }

    /// <summary>Only the last path segment, with characters no file system likes replaced.</summary>
    private static string SafeFileName(string name)
    {
        var leaf = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = string.Concat(leaf.Select(character => Path.GetInvalidFileNameChars().Contains(character) ? '_' : character)).Trim();
        return cleaned.Length == 0 || cleaned.Trim('.').Length == 0 ? "upload" : cleaned;
    }
}
