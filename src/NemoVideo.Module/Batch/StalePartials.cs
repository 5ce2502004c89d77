using System.IO;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// The temporary files a download leaves when its process is killed (<c>.&lt;output name&gt;.&lt;guid&gt;.partial</c>, the
    /// client's naming). Only the batch holding the folder's journal lock removes them, so no running download loses its file.
    /// </summary>
    public static class StalePartials
    {
        /// <returns>How many were removed.</returns>
        public static int Remove(string output)
        {
            var folder = Path.GetDirectoryName(output);
            if (folder is null || !Directory.Exists(folder))
            {
                return 0;
            }

            var removed = 0;
            foreach (var partial in Directory.EnumerateFiles(folder, "." + Path.GetFileName(output) + ".*.partial"))
            {
                File.Delete(partial);
                removed++;
            }

            return removed;
        }
    }
}
