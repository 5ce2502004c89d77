using System;
using System.IO;
using System.Text;

namespace NemoVideo.Client
{
    /// <summary>
    /// Keeps the anonymous client id in &lt;config&gt;/client_id. Reusing one id matters: the service grants one anonymous
    /// token per client id per 7 days. The id is no secret, but the file is created owner-only anyway, because the same
    /// folder is the user's NemoVideo configuration.
    /// </summary>
    internal sealed class ClientIdStore
    {
        private const string FileName = "client_id";

        private readonly string directory;

        public ClientIdStore(string directory)
        {
            this.directory = directory;
        }

        public string FilePath => Path.Combine(directory, FileName);

        public static string DefaultDirectory() =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "nemovideo");

        /// <summary>The stored id, or a new one written to the file when it is missing or not a UUID.</summary>
        public string GetOrCreate()
        {
            var stored = TryRead();
            return stored ?? Replace();
        }

        /// <summary>Writes a fresh id (the service rejected the old one) and returns it.</summary>
        public string Replace()
        {
            var id = Guid.NewGuid().ToString();
            try
            {
                OwnerOnlyFiles.CreateDirectory(directory);
                var temporary = Path.Combine(directory, "." + FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
                using (var stream = OwnerOnlyFiles.CreateNew(temporary))
                {
                    var bytes = Encoding.ASCII.GetBytes(id + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                    // On disk before the rename: a crash must leave the old id or the new one, never an empty file.
                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(FilePath))
                {
                    File.Replace(temporary, FilePath, null);
                }
                else
                {
                    File.Move(temporary, FilePath);
                }
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw Failure.Of(
                    NemoErrorIds.ConfigClientIdUnwritable,
                    NemoErrorCategory.WriteError,
                    $"Cannot save the NemoVideo client id in '{FilePath}': {error.Message}",
                    "Make that folder writable, or set NEMO_CLIENT_ID to a UUID you keep yourself.",
                    FilePath,
                    inner: error);
            }

            return id;
        }

        private string? TryRead()
        {
            try
            {
                var text = File.ReadAllText(FilePath).Trim();
                return Guid.TryParse(text, out _) ? text : null;
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                return null;
            }
        }
    }
}
