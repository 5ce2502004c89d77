namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Clips whose sound costs more than their picture: a still picture under loud, busy audio; a screen recording with a talk.</summary>
public sealed class AudioShareClips() : GeneratedClips("nemo-audio-share-")
{
    public const double Seconds = 20;

    /// <summary>20 s of a flat blue 1920x1080 picture at 30 fps under stereo noise (AAC 192 kbit/s): a slide with a talk.</summary>
    public string StillPictureLoudSound => Clip("still-loud.mp4");

    public const int ScreenSeconds = 60;

    /// <summary>A minute of the 1280x720 15 fps screen recording (text, a clock, a small moving window) under a
    /// speech-like sound (pink noise, stereo AAC 128 kbit/s).</summary>
    public string ScreenRecordingWithTalk => Clip("screen-talk.mp4");

    protected override async Task GenerateAsync()
    {
        var page = Clip("page.txt");
        await File.WriteAllLinesAsync(page, ScreenRecordingPage.Lines());
        await Task.WhenAll(
            Ffmpeg(["-f", "lavfi", "-i", "color=c=blue:size=1920x1080:rate=30:duration=20", "-f", "lavfi", "-i", "anoisesrc=duration=20:seed=11,pan=stereo|c0=c0|c1=c0",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "192k", "-shortest", StillPictureLoudSound]),
            Ffmpeg(["-f", "lavfi", "-i", ScreenRecordingPage.Graph(page, 1280, 720, 15, ScreenSeconds),
                "-f", "lavfi", "-i", $"anoisesrc=duration={ScreenSeconds}:color=pink:amplitude=0.3:seed=5,pan=stereo|c0=c0|c1=c0",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest",
                ScreenRecordingWithTalk]));
    }
}
