using System.Buffers.Binary;
using System.Text;

namespace NemoVideo.Compression;

/// <summary>
/// The top-level box layout of an ISO base media file (MP4, MOV, M4V, 3GP): which boxes, in which order. Read from
/// the boxes' 8- or 16-byte headers only, seeking past each body, so it costs a few reads whatever the file's size.
/// </summary>
internal static class Mp4Layout
{
    /// <summary>A real file has a handful (ftyp, free/wide, mdat, moov, maybe udta or uuid); past this many the walk
    /// gives up rather than read a file that is not laid out in boxes.</summary>
    private const int MaxTopLevelBoxes = 64;

    /// <summary>ffprobe's <c>format_name</c> for every file its QuickTime/MP4 demuxer reads.</summary>
    private const string MovDemuxer = "mov,mp4,";

    /// <summary>The four-character types of the file's top-level boxes in file order, when their sizes fill the file exactly;
    /// null when they do not (a box running past the end, a size under 8, a last box sized "to the end", trailing bytes),
    /// or the file cannot be read.</summary>
    public static List<string>? TopLevelBoxes(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var length = file.Length;
            var header = new byte[16];
            var types = new List<string>();
            long offset = 0;
            while (offset < length)
            {
                if (types.Count == MaxTopLevelBoxes || length - offset < 8)
                {
                    return null;
                }

                file.Position = offset;
                file.ReadExactly(header, 0, 8);
                var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
                if (size == 1)
                {
                    if (length - offset < 16)
                    {
                        return null;
                    }

                    file.ReadExactly(header, 8, 8);
                    var large = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                    size = large > long.MaxValue ? -1 : (long)large;
                }

                // Size 0 means "to the end of the file": how a muxer leaves the media box of a recording it never finished.
                if (size < 8 || size > length - offset)
                {
                    return null;
                }

                types.Add(Encoding.ASCII.GetString(header, 4, 4));
                offset += size;
            }

            return types;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the file was finished by its muxer: an MP4/MOV (by ffprobe's reading) whose boxes fill it exactly, with the
    /// index (<c>moov</c>) after the last media box (<c>mdat</c>) and no movie fragments (<c>moof</c>). A muxer writes
    /// such an index last, once every sample it lists is on disk, so the file cannot be a recording cut off before its
    /// header's end: cut anywhere, it would have no index at all and not be readable. False whenever that cannot be told,
    /// including faststart files (index first) and fragmented ones, which can be cut off and still read.
    /// </summary>
    public static bool IndexFollowsMedia(MediaInfo info)
    {
        if (!info.FormatName.StartsWith(MovDemuxer, StringComparison.Ordinal) || TopLevelBoxes(info.Path) is not { } boxes
            || boxes.Contains("moof"))
        {
            return false;
        }

        var lastMedia = boxes.LastIndexOf("mdat");
        return lastMedia >= 0 && boxes.Skip(lastMedia + 1).Contains("moov");
    }
}
