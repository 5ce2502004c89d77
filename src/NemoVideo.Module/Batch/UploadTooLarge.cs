using System.IO;
using NemoVideo.Client;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// Compress-NemoVideo's own advice for a source over the service's upload limit. The client's general advice
    /// ("compress it first with Compress-NemoVideo") would send the user round in a circle: this command has to upload
    /// the whole source, so it must be made smaller (or cut) on this computer first.
    /// </summary>
    internal static class UploadTooLarge
    {
        public static NemoException ForCompression(NemoException tooLarge, string input)
        {
            var smaller = Path.Combine(Path.GetDirectoryName(input) ?? ".", Path.GetFileNameWithoutExtension(input) + "-smaller.mp4");
            var advice = "Compress-NemoVideo uploads the whole source, so it cannot take this file as it is. Make it smaller on this computer first, "
                + $"for example: ffmpeg -i \"{input}\" -c:v libx264 -crf 28 -preset fast -c:a aac -b:a 128k \"{smaller}\" "
                + "(or cut it into parts with ffmpeg -ss/-t), then compress the result; or use Connect-Nemo -Local, whose limit is set with the server's --max-upload-bytes.";
            var problem = tooLarge.RecommendedAction is { } circular && tooLarge.Message.EndsWith(circular, System.StringComparison.Ordinal)
                ? tooLarge.Message.Substring(0, tooLarge.Message.Length - circular.Length).TrimEnd()
                : tooLarge.Message;
            return new NemoException(tooLarge.ErrorId, tooLarge.Category, problem + " " + advice, advice, tooLarge.Target ?? input,
                tooLarge.ApiCode, tooLarge.HttpStatus, tooLarge);
        }
    }
}
