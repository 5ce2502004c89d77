using System.Buffers.Binary;
using System.Text;

namespace NemoVideo.Compression;

/// <summary>
/// The box layout of an ISO base media file (MP4, MOV, M4V, 3GP), read from box headers and the few sample-table
/// entries it needs, seeking past everything else: a few dozen small reads whatever the file's size. No library here
/// reads MP4 boxes; ffprobe would, at the cost of the process start this exists to save.
/// </summary>
internal static class Mp4Layout
{
    /// <summary>Past this many boxes in one container the walk gives up rather than read a file not laid out in boxes.</summary>
    private const int MaxBoxesPerLevel = 256;

    /// <summary>More sample sizes than this in a track's last chunk is not a file any muxer writes.</summary>
    private const long MaxSamplesInLastChunk = 1 << 20;

    /// <summary>ffprobe's <c>format_name</c> for every file its QuickTime/MP4 demuxer reads.</summary>
    private const string MovDemuxer = "mov,mp4,";

    private readonly record struct Box(string Type, long Offset, long Size, int HeaderSize)
    {
        public long PayloadStart => Offset + HeaderSize;
        public long End => Offset + Size;
    }

    /// <summary>The four-character types of the file's top-level boxes in file order, when their sizes fill the file exactly;
    /// null when they do not (a box running past the end, a size under 8, a last box sized "to the end", trailing bytes),
    /// or the file cannot be read.</summary>
    public static List<string>? TopLevelBoxes(string path) =>
        Read(path, file => Children(file, 0, file.Length)?.Select(box => box.Type).ToList());

    /// <summary>The type of the top-level box the file ends inside (its header says it runs past the end), when every box
    /// before it is whole: where a copy or download of an MP4 was cut off. Null otherwise.</summary>
    public static string? BoxCutOff(string path) => Read(path, file => Walk(file, 0, file.Length) is (_, { } cut) ? cut.Type : null);

    /// <summary>
    /// Whether the file was finished by its muxer: an MP4/MOV (by ffprobe's reading) whose boxes fill it exactly, with one
    /// index (<c>moov</c>), after the last media box (<c>mdat</c>), no movie fragments (<c>moof</c>), and every track's
    /// last chunk of samples inside a media box. A muxer writes such an index last, once every sample it lists is on
    /// disk, so the file cannot be a recording cut off before its header's end: cut anywhere, it would have no index and
    /// not be readable. False whenever that cannot be told: faststart files (index first) and fragmented ones, which can
    /// be cut off and still read; an index that lists samples the media boxes do not hold; data kept in other files.
    /// </summary>
    public static bool IndexFollowsMedia(MediaInfo info)
    {
        if (!info.FormatName.StartsWith(MovDemuxer, StringComparison.Ordinal))
        {
            return false;
        }

        return Read(info.Path, file =>
        {
            if (Children(file, 0, file.Length) is not { } boxes || boxes.Any(box => box.Type == "moof")
                || boxes.Count(box => box.Type == "moov") != 1)
            {
                return false;
            }

            var index = boxes.FindIndex(box => box.Type == "moov");
            var lastMedia = boxes.FindLastIndex(box => box.Type == "mdat");
            var media = boxes.Where(box => box.Type == "mdat").ToList();
            return lastMedia >= 0 && index > lastMedia && LastChunksInside(file, boxes[index], media);
        });
    }

    /// <summary>Every track's last chunk (its offset from <c>stco</c>/<c>co64</c>, its samples from <c>stsc</c>, their sizes
    /// from <c>stsz</c>) lies inside one of the media boxes' payloads.</summary>
    private static bool LastChunksInside(FileStream file, Box index, List<Box> media)
    {
        var tracks = Children(file, index.PayloadStart, index.End)?.Where(box => box.Type == "trak").ToList();
        if (tracks is null || tracks.Count == 0)
        {
            return false;
        }

        foreach (var track in tracks)
        {
            if (Descend(file, track, "mdia", "minf", "stbl") is not { } sampleTable
                || Children(file, sampleTable.PayloadStart, sampleTable.End) is not { } tables)
            {
                return false;
            }

            var offsets = tables.Find(box => box.Type is "stco" or "co64");
            var chunks = tables.Find(box => box.Type == "stsc");
            var sizes = tables.Find(box => box.Type == "stsz");
            if (offsets.Type is null || chunks.Type is null || sizes.Type is null)
            {
                return false;
            }

            var wide = offsets.Type == "co64";
            if (EntryCount(file, offsets, wide ? 8 : 4) is not { } chunkCount)
            {
                return false;
            }

            if (chunkCount == 0)
            {
                // No chunks: a track without samples holds nothing to lose.
                continue;
            }

            var lastEntry = ReadEntry(file, offsets, chunkCount - 1, wide ? 8 : 4);
            var start = wide ? (long)BinaryPrimitives.ReadUInt64BigEndian(lastEntry) : BinaryPrimitives.ReadUInt32BigEndian(lastEntry);
            if (LastEntry(file, chunks, 12) is not { } lastRun
                || LastSamplesBytes(file, sizes, BinaryPrimitives.ReadUInt32BigEndian(lastRun.AsSpan(4))) is not { } bytes
                || !media.Any(box => start >= box.PayloadStart && start <= box.End && bytes <= box.End - start))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sizes of a track's last <paramref name="samples"/> samples, summed; null when the table does not hold them.</summary>
    private static long? LastSamplesBytes(FileStream file, Box sizes, long samples)
    {
        if (sizes.Size - sizes.HeaderSize < 12 || samples is <= 0 or > MaxSamplesInLastChunk)
        {
            return null;
        }

        var fields = ReadAt(file, sizes.PayloadStart + 4, 8);
        long sampleSize = BinaryPrimitives.ReadUInt32BigEndian(fields);
        long count = BinaryPrimitives.ReadUInt32BigEndian(fields.AsSpan(4));
        if (samples > count)
        {
            return null;
        }

        if (sampleSize != 0)
        {
            return sampleSize * samples;
        }

        var tableStart = sizes.PayloadStart + 12;
        if (tableStart + count * 4 > sizes.End)
        {
            return null;
        }

        var table = ReadAt(file, tableStart + (count - samples) * 4, (int)(samples * 4));
        long total = 0;
        for (var entry = 0; entry < samples; entry++)
        {
            total += BinaryPrimitives.ReadUInt32BigEndian(table.AsSpan(entry * 4));
        }

        return total;
    }

    /// <summary>The entry count of a full box whose payload is version/flags, a 32-bit count, then fixed-size entries;
    /// null when the entries would run past the box.</summary>
    private static long? EntryCount(FileStream file, Box table, int entrySize)
    {
        if (table.Size - table.HeaderSize < 8)
        {
            return null;
        }

        long count = BinaryPrimitives.ReadUInt32BigEndian(ReadAt(file, table.PayloadStart + 4, 4));
        return table.PayloadStart + 8 + count * entrySize <= table.End ? count : null;
    }

    private static byte[]? LastEntry(FileStream file, Box table, int entrySize) =>
        EntryCount(file, table, entrySize) is { } count and > 0 ? ReadEntry(file, table, count - 1, entrySize) : null;

    private static byte[] ReadEntry(FileStream file, Box table, long entry, int entrySize) =>
        ReadAt(file, table.PayloadStart + 8 + entry * entrySize, entrySize);

    /// <summary>The box reached by taking, level by level, the single child of each type in <paramref name="path"/>.</summary>
    private static Box? Descend(FileStream file, Box from, params string[] path)
    {
        var box = from;
        foreach (var type in path)
        {
            if (Children(file, box.PayloadStart, box.End)?.Find(child => child.Type == type) is not { Type: not null } child)
            {
                return null;
            }

            box = child;
        }

        return box;
    }

    /// <summary>The boxes that fill [<paramref name="start"/>, <paramref name="end"/>) exactly, in order; null when they do not.</summary>
    private static List<Box>? Children(FileStream file, long start, long end) => Walk(file, start, end) is ({ } boxes, null) ? boxes : null;

    /// <summary>The whole boxes from <paramref name="start"/> on, in order, and the one that runs past <paramref name="end"/>
    /// (null when they fill it exactly); null when a header before <paramref name="end"/> is missing or malformed.</summary>
    private static (List<Box> Whole, Box? RunsPast)? Walk(FileStream file, long start, long end)
    {
        var boxes = new List<Box>();
        var offset = start;
        while (offset < end)
        {
            if (boxes.Count == MaxBoxesPerLevel || ReadHeader(file, offset, end) is not { } box || box.Size < box.HeaderSize)
            {
                return null;
            }

            if (box.End > end)
            {
                return (boxes, box);
            }

            boxes.Add(box);
            offset = box.End;
        }

        return (boxes, null);
    }

    /// <summary>The header at <paramref name="offset"/>; null when it does not fit before <paramref name="end"/> or the file's
    /// end, or says "to the end of the file" (size 0: how a muxer leaves the media box of a recording it never finished).</summary>
    private static Box? ReadHeader(FileStream file, long offset, long end)
    {
        var limit = Math.Min(end, file.Length);
        if (limit - offset < 8)
        {
            return null;
        }

        var header = ReadAt(file, offset, 8);
        long size = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = Encoding.ASCII.GetString(header, 4, 4);
        if (size != 1)
        {
            return size == 0 ? null : new Box(type, offset, size, 8);
        }

        if (limit - offset < 16)
        {
            return null;
        }

        var large = BinaryPrimitives.ReadUInt64BigEndian(ReadAt(file, offset + 8, 8));
        return large > long.MaxValue ? null : new Box(type, offset, (long)large, 16);
    }

    private static byte[] ReadAt(FileStream file, long offset, int count)
    {
        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    private static T? Read<T>(string path, Func<FileStream, T?> read)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            return read(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return default;
        }
    }
}
