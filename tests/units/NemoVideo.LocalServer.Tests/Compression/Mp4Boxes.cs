using System.Buffers.Binary;
using System.Text;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Reads the top-level box types of an MP4/MOV file, to check that the index (moov) comes before the media (faststart).</summary>
internal static class Mp4Boxes
{
    public static List<string> TopLevel(string path)
    {
        using var stream = File.OpenRead(path);
        var types = new List<string>();
        var header = new byte[16];
        while (stream.Position + 8 <= stream.Length)
        {
            var start = stream.Position;
            stream.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            types.Add(Encoding.ASCII.GetString(header, 4, 4));
            if (size == 1)
            {
                stream.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
            {
                break;
            }

            stream.Position = start + size;
        }

        return types;
    }
}
