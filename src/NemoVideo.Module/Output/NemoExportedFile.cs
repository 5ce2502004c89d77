using System.IO;
using System.Linq;
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
            Notes = download.Notes.ToArray();
        }

        public string Name { get; }

        public string FullName { get; }

        public long Length { get; }

        public string SessionId { get; }

        public string RenderId { get; }

        /// <summary>What the service says about the output (see NemoCompressionResult.Notes); empty when it says nothing.</summary>
        public string[] Notes { get; }

        public override string ToString() => FullName;
    }
}
