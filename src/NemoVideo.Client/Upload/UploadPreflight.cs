using System.IO;

namespace NemoVideo.Client
{
    /// <summary>Checks a file before any byte is sent, so each problem is a distinct error with its own remedy.</summary>
    internal static class UploadPreflight
    {
        /// <param name="acceptsTransportStreams">The server takes .ts/.m2ts/.mts (our local server); else they are refused with the remux command.</param>
        /// <returns>The file as named (its name and extension are the upload's) and its length in bytes, read through a link.</returns>
        public static (FileInfo File, long Length) Check(string path, long maxBytes, bool acceptsTransportStreams = false)
        {
            if (Directory.Exists(path))
            {
                throw Fail(NemoErrorIds.UploadIsDirectory, NemoErrorCategory.InvalidArgument, path,
                    $"'{path}' is a folder, not a file.", "Pass the files inside it, e.g. Get-ChildItem <folder> -File | Send-NemoVideo.");
            }

            var file = new FileInfo(path);
            var target = RealPath.FileOf(path);
            if (!file.Exists || !target.Exists)
            {
                throw Fail(NemoErrorIds.UploadFileNotFound, NemoErrorCategory.ObjectNotFound, path,
                    $"'{path}' does not exist.", "Check the path.");
            }

            if (UploadRules.MediaTypeOf(file.Extension, acceptsTransportStreams) == null)
            {
                throw UploadRules.TransportStreamTypes.ContainsKey(file.Extension)
                    ? TransportStream(file)
                    : ApiErrors.UnsupportedFileType(path, null, null);
            }

            // A link's own length is a few bytes; its target's is the upload's.
            var length = target.Length;
            if (length == 0)
            {
                throw Fail(NemoErrorIds.UploadEmptyFile, NemoErrorCategory.InvalidData, path,
                    $"'{path}' is empty (0 bytes).", "Check that the file was written completely, then upload it again.");
            }

            if (length > maxBytes)
            {
                throw ApiErrors.TooLarge(path, null, null, maxBytes);
            }

            return (file, length);
        }

        /// <summary>
        /// The hosted service's list has no MPEG-TS, but the streams inside (H.264/H.265 with AAC/AC-3) fit an MP4 as
        /// they are: a remux takes seconds and loses nothing, so the advice is that exact command.
        /// </summary>
        private static NemoException TransportStream(FileInfo file)
        {
            var mp4 = Path.ChangeExtension(file.FullName, ".mp4");
            return Failure.Of(
                NemoErrorIds.UploadUnsupportedType,
                NemoErrorCategory.InvalidType,
                $"'{file.FullName}' is an MPEG transport stream ({file.Extension}), which the service does not accept.",
                $"Copy its streams into an MP4 without re-encoding (seconds, no quality lost): ffmpeg -i \"{file.FullName}\" -c copy \"{mp4}\" "
                + "(if ffmpeg refuses the audio, use -c:v copy -c:a aac instead of -c copy), then use the .mp4. The local server (Connect-Nemo -Local) takes the file as it is.",
                file.FullName);
        }

        private static NemoException Fail(string id, NemoErrorCategory category, string path, string problem, string action) =>
            Failure.Of(id, category, problem, action, path);
    }
}
