using System;
using System.IO;
using System.Text;

namespace NemoVideo.Client
{
    /// <summary>
    /// Whether a picture file holds an animation, from its first bytes (no decoding): an APNG (a PNG with an acTL chunk
    /// before its first IDAT) or an animated WebP (a VP8X header with the animation flag). A still picture is
    /// <see cref="Kind.Still"/>, as is anything unreadable.
    /// </summary>
    internal static class PictureAnimation
    {
        public enum Kind
        {
            Still,
            Apng,
            AnimatedWebp,
        }

        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        public static Kind Of(string path)
        {
            try
            {
                using (var file = File.OpenRead(path))
                {
                    var header = new byte[64 * 1024];
                    var read = ReadUpTo(file, header);
                    if (IsApng(header, read))
                    {
                        return Kind.Apng;
                    }

                    return IsAnimatedWebp(header, read) ? Kind.AnimatedWebp : Kind.Still;
                }
            }
            catch (IOException)
            {
                return Kind.Still;
            }
            catch (UnauthorizedAccessException)
            {
                return Kind.Still;
            }
        }

        /// <summary>PNG chunks: 4-byte big-endian length, 4-byte type, data, 4-byte CRC. acTL must come before IDAT.</summary>
        private static bool IsApng(byte[] bytes, int length)
        {
            if (length < PngSignature.Length || !StartsWith(bytes, PngSignature))
            {
                return false;
            }

            var at = PngSignature.Length;
            while (at + 8 <= length)
            {
                var size = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
                var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
                if (type == "acTL")
                {
                    return true;
                }

                if (type == "IDAT" || size < 0)
                {
                    return false;
                }

                at += 12 + size;
            }

            return false;
        }

        /// <summary>RIFF size WEBP, then a VP8X chunk whose flags byte (offset 20) has the animation bit (0x02).</summary>
        private static bool IsAnimatedWebp(byte[] bytes, int length) =>
            length >= 21
            && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF"
            && Encoding.ASCII.GetString(bytes, 8, 4) == "WEBP"
            && Encoding.ASCII.GetString(bytes, 12, 4) == "VP8X"
            && (bytes[20] & 0x02) != 0;

        private static bool StartsWith(byte[] bytes, byte[] prefix)
        {
            for (var index = 0; index < prefix.Length; index++)
            {
                if (bytes[index] != prefix[index])
                {
                    return false;
                }
            }

            return true;
        }

        private static int ReadUpTo(Stream stream, byte[] buffer)
        {
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return total;
        }
    }
}
