using NemoVideo.Compression;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// Issue 9's second review, made small with ffmpeg: a picture that starts after its sound, two audio tracks, cover
/// pictures the Matroska ways, files with no picture at all (subtitles only), animations in picture formats (APNG,
/// animated WebP) and a one-frame H.264 "video".
/// </summary>
public sealed class StreamLayoutClips() : GeneratedClips("nemo-stream-layout-")
{
    /// <summary>MP4: AAC from 0 to 3.5 s, H.264 320x180 from 0.5 s to 3.5 s (the picture offset with -itsoffset).</summary>
    public string LateVideo => Clip("late-video.mp4");

    /// <summary>MP4: H.264 from 0 to 2 s, AAC from 0 to 4 s (the sound runs on after the picture).</summary>
    public string ShortPicture => Clip("short-picture.mp4");

    /// <summary>MP4: H.264 1280x720 from 0 to 3 s, AAC noise from 0 to 12 s (a slideshow's picture stops, its music plays on).</summary>
    public string LongSoundHdPicture => Clip("long-sound-hd.mp4");

    /// <summary>The same streams in Matroska, where only a DURATION tag says where the picture ends.</summary>
    public string LongSoundHdPictureMkv => Clip("long-sound-hd.mkv");

    /// <summary>2 s H.264 with two AAC tracks (440 Hz, 880 Hz).</summary>
    public string TwoAudioTracks => Clip("two-audio.mkv");

    /// <summary>MKV with a one-frame MJPEG track written from an MP4-style attached_pic (Matroska keeps it as a track).</summary>
    public string CoverTrackMkv => Clip("cover-track.mkv");

    /// <summary>MKV with a JPEG attachment (mimetype image/jpeg), Matroska's own way of carrying cover art.</summary>
    public string CoverAttachmentMkv => Clip("cover-attachment.mkv");

    /// <summary>A Matroska file holding one SubRip stream.</summary>
    public string SubtitlesOnlyMkv => Clip("subtitles-only.mkv");

    /// <summary>An .srt file renamed .mkv.</summary>
    public string RenamedSrt => Clip("renamed-srt.mkv");

    /// <summary>1 s, 10 frames, 160x120.</summary>
    public string Apng => Clip("anim.png");

    /// <summary>1 s, 10 frames, 160x120 (ffmpeg 5.1 cannot decode animated WebP).</summary>
    public string AnimatedWebp => Clip("anim.webp");

    /// <summary>One H.264 frame in an MP4.</summary>
    public string OneFrameH264 => Clip("one-frame.mp4");

    /// <summary>One 1280x720 H.264 frame under 20 s of loud sound (AAC 128 kbit/s): a song "video" made from one image.</summary>
    public string OneFrameH264UnderSound => Clip("one-frame-song.mp4");

    protected override async Task GenerateAsync()
    {
        await File.WriteAllTextAsync(Clip("subs.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHello\n\n");
        File.Copy(Clip("subs.srt"), RenamedSrt);
        await Task.WhenAll(
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3", "-c:v", "libx264", "-preset", "ultrafast", Clip("picture.mp4")]),
            Ffmpeg(["-f", "lavfi", "-i", "sine=duration=3.5", "-c:a", "aac", Clip("sound.m4a")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", Clip("cover.jpg")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
                "-f", "lavfi", "-i", "sine=frequency=880:duration=2", "-map", "0", "-map", "1", "-map", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", TwoAudioTracks]),
            Ffmpeg(["-i", Clip("subs.srt"), "-c:s", "srt", SubtitlesOnlyMkv]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1", "-plays", "0", "-f", "apng", Apng]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1", "-c:v", "libwebp", "-loop", "0", AnimatedWebp]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-frames:v", "1", "-c:v", "libx264", OneFrameH264]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720", "-frames:v", "1", Clip("song-cover.png")]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2", "-f", "lavfi", "-i", "sine=duration=4",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", ShortPicture]),
            Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=3", "-f", "lavfi", "-i", "anoisesrc=duration=12:seed=7",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k", LongSoundHdPicture]));
        await Task.WhenAll(
            Ffmpeg(["-i", LongSoundHdPicture, "-c", "copy", LongSoundHdPictureMkv]),
            // An image input gives one frame; -frames:v 1 on a moving source would end the audio with it.
            Ffmpeg(["-i", Clip("song-cover.png"), "-f", "lavfi", "-i", "anoisesrc=duration=20:seed=3",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", OneFrameH264UnderSound]),
            Ffmpeg(["-itsoffset", "0.5", "-i", Clip("picture.mp4"), "-i", Clip("sound.m4a"), "-map", "0:v", "-map", "1:a", "-c", "copy", LateVideo]),
            Ffmpeg(["-i", Clip("picture.mp4"), "-i", Clip("cover.jpg"), "-map", "0", "-map", "1", "-c:v:0", "copy", "-c:v:1", "mjpeg",
                "-disposition:v:1", "attached_pic", CoverTrackMkv]),
            Ffmpeg(["-i", Clip("picture.mp4"), "-attach", Clip("cover.jpg"), "-metadata:s:t", "mimetype=image/jpeg", "-c", "copy", CoverAttachmentMkv]));
    }

}
