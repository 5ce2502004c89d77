using System.IO;
using System.Linq;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Passes on what the service said about a finished render. A warning is something the output lacks that the source
    /// has (a video stream left out, a recording read only in part): the user must hear it even in a script, so it is a
    /// PowerShell warning. The other notes (a cover picture not carried over, how the resolution was chosen) are verbose.
    /// All of them are also on the result object's Notes.
    /// </summary>
    internal static class RenderNotes
    {
        public static void Write(ICommandHost host, string about, DownloadResult download)
        {
            var name = Path.GetFileName(about);
            foreach (var warning in download.Warnings)
            {
                host.WriteWarning($"{name}: {warning}");
            }

            foreach (var note in download.Notes.Where(note => !download.Warnings.Contains(note)))
            {
                host.WriteVerbose($"{name}: {note}");
            }
        }
    }
}
