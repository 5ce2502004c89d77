using System.Globalization;
using System.Text;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// The plain-language instruction Compress-NemoVideo sends. The ceiling is given in bytes, because "MB" means 10^6
    /// to the service but 2^20 to PowerShell's 50MB literal; bytes cannot be misread either way.
    /// </summary>
    public static class CompressionInstruction
    {
        public static string Build(long maxBytes, string? resolution, bool noAudio)
        {
            var text = new StringBuilder("Compress this video to under ")
                .Append(maxBytes.ToString(CultureInfo.InvariantCulture))
                .Append(" bytes");
            if (!string.IsNullOrEmpty(resolution))
            {
                text.Append(", scale it to ").Append(resolution);
            }

            if (noAudio)
            {
                text.Append(", remove the audio");
            }

            return text.Append(" and save it as mp4.").ToString();
        }
    }
}
