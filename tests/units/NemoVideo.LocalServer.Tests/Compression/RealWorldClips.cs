using System.Buffers.Binary;
using System.Globalization;
using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// Files as people actually have them (issue 9), made small with ffmpeg: the picture behind a cover or subtitle stream,
/// timestamps that start at 10 s, a MediaRecorder-style WebM without Duration or Cues, files that are not videos, and
/// a 9-frame clip. Shared by the tests that read them through the engine and through the server's upload.
/// </summary>
public sealed class RealWorldClips() : GeneratedClips("nemo-real-world-")
{
    private const string Picture = "testsrc2=size={0}:rate=30,noise=alls=10:allf=t+u";
    private const string Tone = "sine=frequency=440:sample_rate=48000";

    /// <summary>640x360 H.264 + AAC, 2 s, with a 320x240 PNG cover whose udta box is moved before the tracks: stream 0 is the cover.</summary>
    public string CoverFirst => Clip("cover-first.mp4");

    /// <summary>MKV: #0 subtitles, #1 a 160x90 preview video, #2 audio, #3 the 640x360 main video.</summary>
    public string SubtitleAndPreviewFirst => Clip("streams.mkv");

    /// <summary>MOV with a timecode (data) track and the video as a later stream.</summary>
    public string Timecode => Clip("timecode.mov");

    /// <summary>4 s MKV whose timestamps run 10–14 s.</summary>
    public string LateStart => Clip("offset.mkv");

    /// <summary>3 s VP8/Opus WebM in live mode (as piped): no Duration and no Cues, like a browser's MediaRecorder writes.</summary>
    public string Recorder => Clip("recorder.webm");

    /// <summary>2 s of picture, 4 s of sound.</summary>
    public string AudioOutlastsPicture => Clip("long-audio.mp4");

    public string AudioOnly => Clip("audio-only.mp4");

    public string StillImage => Clip("still.mp4");

    public string RenamedJpeg => Clip("photo.mp4");

    /// <summary>An MP4 whose moov (index, written last) was cut off, like a recording that stopped on a crash.</summary>
    public string Truncated => Clip("truncated.mp4");

    public string RenamedText => Clip("notes.mp4");

    /// <summary>0.3 s, 9 frames of 640x360 noise at 30 fps with audio.</summary>
    public string NineFrames => Clip("nine-frames.mp4");

    /// <summary>MKV: #0 the 640x360 6 s main video, #1 audio, #2 a 1280x720 thumbnail track of 2 frames (Matroska: no stream duration fields).</summary>
    public string ThumbnailTrack => Clip("thumb.mkv");

    /// <summary>MKV: #0 the default-flagged 640x360 10 s main video, #1 audio, #2 a 1 s 1280x720 insert.</summary>
    public string ShortInsert => Clip("pip-short.mkv");

    protected override async Task GenerateAsync()
    {
        await File.WriteAllTextAsync(Clip("notes.mp4"), "Shopping list\n- milk\n- eggs\n");
        await File.WriteAllTextAsync(Clip("subs.srt"), "1\n00:00:00,000 --> 00:00:01,500\nHello\n");
        await Task.WhenAll(
            Ffmpeg(["-f", "lavfi", "-i", Source("640x360"), "-f", "lavfi", "-i", Tone, "-t", "2",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "aac", Clip("base.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", Clip("cover.png")]),
            Ffmpeg(["-f", "lavfi", "-i", Source("160x90"), "-t", "2", "-c:v", "libx264", "-preset", "veryfast", Clip("preview.mp4")]));
        await Task.WhenAll(
            Ffmpeg(["-i", Clip("cover.png"), "-i", Clip("base.mp4"), "-map", "0", "-map", "1", "-c", "copy", "-c:v:0", "png",
                "-disposition:v:0", "attached_pic", Clip("cover-last.mp4")]),
            Ffmpeg(["-i", Clip("subs.srt"), "-i", Clip("preview.mp4"), "-i", Clip("base.mp4"), "-map", "0", "-map", "1", "-map", "2:a", "-map", "2:v",
                "-c", "copy", "-disposition:v:0", "0", "-disposition:v:1", "default", Clip("streams.mkv")]),
            Ffmpeg(["-i", Clip("base.mp4"), "-c", "copy", "-timecode", "01:00:00:00", Clip("timecode.mov")]),
            Ffmpeg(["-f", "lavfi", "-i", Source("320x180"), "-f", "lavfi", "-i", Tone, "-t", "4",
                "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", "-output_ts_offset", "10", Clip("offset.mkv")]),
            Ffmpeg(["-f", "lavfi", "-i", Source("320x180"), "-f", "lavfi", "-i", Tone, "-t", "3",
                "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "600k", "-c:a", "libopus", "-live", "1", "-f", "webm", Clip("recorder.webm")]),
            Ffmpeg(["-f", "lavfi", "-t", "2", "-i", Source("320x180"), "-f", "lavfi", "-t", "4", "-i", Tone,
                "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", Clip("long-audio.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", Tone, "-t", "2", "-c:a", "aac", Clip("audio-only.mp4")]),
            Ffmpeg(["-i", Clip("cover.png"), "-c:v", "png", "-f", "mp4", Clip("still.mp4")]),
            Ffmpeg(["-i", Clip("cover.png"), "-f", "mjpeg", Clip("photo.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", Source("640x360"), "-f", "lavfi", "-i", Tone, "-frames:v", "9", "-t", "0.3",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "8", "-c:a", "aac", "-b:a", "192k", Clip("nine-frames.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30,noise=alls=100:allf=t+u", "-f", "lavfi", "-i", Tone, "-frames:v", "9", "-t", "0.3",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "8", "-c:a", "aac", "-b:a", "192k", Clip("nine-frames-heavy-noise.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30,noise=alls=100:allf=t+u", "-f", "lavfi", "-i", Tone, "-frames:v", "45", "-t", "1.5",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "8", "-c:a", "aac", "-b:a", "192k", Clip("forty-five-frames-heavy-noise.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=6", "-f", "lavfi", "-i", "sine=d=6", "-f", "lavfi", "-i", "testsrc=s=1280x720:r=30:d=0.034",
                "-map", "0:v", "-map", "1:a", "-map", "2:v", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", Clip("thumb.mkv")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=10", "-f", "lavfi", "-i", "sine=d=10", "-f", "lavfi", "-i", "testsrc=s=1280x720:r=30:d=1",
                "-map", "0:v", "-map", "1:a", "-map", "2:v", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                "-disposition:v:0", "default", "-disposition:v:1", "0", Clip("pip-short.mkv")]));
        MoveUserDataBeforeTracks(Clip("cover-last.mp4"), Clip("cover-first.mp4"));
        var whole = await File.ReadAllBytesAsync(Clip("base.mp4"));
        await File.WriteAllBytesAsync(Clip("truncated.mp4"), whole[..(int)(whole.Length * 0.7)]);
    }

    private static string Source(string size) => string.Format(CultureInfo.InvariantCulture, Picture, size);

    /// <summary>
    /// ffmpeg writes the cover (moov/udta/meta/ilst/covr) after the tracks; other writers put udta first, and ffprobe then
    /// lists the cover as stream 0. Reordering moov's children keeps every size and media offset (moov follows mdat).
    /// </summary>
    private static void MoveUserDataBeforeTracks(string from, string to)
    {
        var bytes = File.ReadAllBytes(from);
        var moov = Children(bytes, 0, bytes.Length).Single(box => box.Type == "moov");
        var children = Children(bytes, moov.Start + 8, moov.Start + moov.Size);
        var ordered = children.Where(box => box.Type == "mvhd")
            .Concat(children.Where(box => box.Type == "udta"))
            .Concat(children.Where(box => box.Type is not ("mvhd" or "udta")))
            .SelectMany(box => bytes[box.Start..(box.Start + box.Size)])
            .ToArray();
        ordered.CopyTo(bytes, moov.Start + 8);
        File.WriteAllBytes(to, bytes);
    }

    private static List<(string Type, int Start, int Size)> Children(byte[] bytes, int start, int end)
    {
        var boxes = new List<(string, int, int)>();
        for (var position = start; position + 8 <= end;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            boxes.Add((System.Text.Encoding.ASCII.GetString(bytes, position + 4, 4), position, size));
            position += size;
        }

        return boxes;
    }

}
