using System.IO;

namespace NemoVideo.Client
{
    /// <summary>Checks a file before any byte is sent, so each problem is a distinct error with its own remedy.</summary>
    internal static class UploadPreflight
    {
        public static FileInfo Check(string path, long maxBytes)
        {
            if (Directory.Exists(path))
            {
                throw Fail(NemoErrorIds.UploadIsDirectory, NemoErrorCategory.InvalidArgument, path,
                    $"'{path}' is a folder, not a file.", "Pass the files inside it, e.g. Get-ChildItem <folder> -File | Send-NemoVideo.");
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw Fail(NemoErrorIds.UploadFileNotFound, NemoErrorCategory.ObjectNotFound, path,
                    $"'{path}' does not exist.", "Check the path.");
            }

            if (!UploadRules.MediaTypes.ContainsKey(file.Extension))
            {
                throw ApiErrors.UnsupportedFileType(path, null, null);
            }

            if (file.Length == 0)
            {
                throw Fail(NemoErrorIds.UploadEmptyFile, NemoErrorCategory.InvalidData, path,
                    $"'{path}' is empty (0 bytes).", "Check that the file was written completely, then upload it again.");
            }

            if (file.Length > maxBytes)
            {
                throw ApiErrors.TooLarge(path, null, null, maxBytes);
            }

            return file;
        }

        private static NemoException Fail(string id, NemoErrorCategory category, string path, string problem, string action) =>
            Failure.Of(id, category, problem, action, path);
    }
}
