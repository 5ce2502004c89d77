namespace NemoVideo.Compression;

/// <summary>
/// Animations kept in picture formats. APNG and animated GIF decode with ffmpeg and are compressed like videos; an
/// animated WebP does not (ffmpeg 5.1's webp decoder reads only still WebP and reports "image data not found" for the
/// animation's frames), so it is refused for what it is rather than taken for a still image.
/// </summary>
internal static class AnimatedPicture
{
    public const string WebpRefusal =
        "it is an animated WebP, which this ffmpeg cannot decode (its WebP decoder reads still images only), so it cannot "
        + "be compressed as a video. Convert it to a video or an animated GIF first with a tool that reads animated WebP "
        + "(for example ImageMagick: magick in.webp out.gif), then compress that";

    /// <summary>A RIFF/WEBP file with an extended (VP8X) header whose animation flag is set, or an ANIM chunk.</summary>
    public static bool IsAnimatedWebp(string path)
    {
        var header = new byte[30];
        try
        {
            using var file = File.OpenRead(path);
            if (file.Read(header, 0, header.Length) < 21)
            {
                return false;
            }
        }
        catch (IOException)
        {
            return false;
        }

        static string FourCc(byte[] bytes, int at) => System.Text.Encoding.ASCII.GetString(bytes, at, 4);
        const byte AnimationFlag = 0x02;
        return FourCc(header, 0) == "RIFF" && FourCc(header, 8) == "WEBP" && FourCc(header, 12) == "VP8X"
            && (header[20] & AnimationFlag) != 0;
    }
}
