namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>Clips whose sound costs more than their picture: a still picture under loud, busy audio.</summary>
public sealed class AudioShareClips() : GeneratedClips("nemo-audio-share-")
{
    public const double Seconds = 20;

    /// <summary>20 s of a flat blue 1920x1080 picture at 30 fps under stereo noise (AAC 192 kbit/s): a slide with a talk.</summary>
    public string StillPictureLoudSound => Clip("still-loud.mp4");

    protected override Task GenerateAsync() =>
        Ffmpeg(["-f", "lavfi", "-i", "color=c=blue:size=1920x1080:rate=30:duration=20", "-f", "lavfi", "-i", "anoisesrc=duration=20:seed=11,pan=stereo|c0=c0|c1=c0",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "192k", "-shortest", StillPictureLoudSound]);
}
