using System.IO;
using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>
    /// A downloaded export (Export-NemoVideo): the file and its size. FullName binds to Send-NemoVideo -LiteralPath, as a
    /// FileInfo would.
    /// </summary>
    public sealed class NemoExportedFile
    {
        internal NemoExportedFile(DownloadResult download, string sessionId)
        {
            FullName = download.Path;
            Name = Path.GetFileName(download.Path);
            Length = download.Length;
            RenderId = download.RenderId;
            SessionId = sessionId;
        }

        public string Name { get; }

        public string FullName { get; }

        public long Length { get; }

        public string SessionId { get; }

        public string RenderId { get; }

        public override string ToString() => FullName;
    }
}
