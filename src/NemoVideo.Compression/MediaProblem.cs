namespace NemoVideo.Compression;

/// <summary>
/// What a file that cannot be compressed as a video is instead, so a caller can answer each kind with its own error
/// and advice (<see cref="CompressionException.Problem"/>; the local server sends it as <c>data.problem</c>).
/// </summary>
public enum MediaProblem
{
    /// <summary>ffprobe does not recognise the contents at all (e.g. a text file renamed .mp4).</summary>
    NotMedia,

    /// <summary>Audio streams (perhaps with a cover picture) but no moving picture.</summary>
    AudioOnly,

    /// <summary>A still image, or a single-frame picture in a video container.</summary>
    StillImage,

    /// <summary>A recording cut off before its index was written (an MP4/MOV without its <c>moov</c> box).</summary>
    Truncated,

    /// <summary>Readable as media but without a video or audio stream (subtitles only, say), or without timestamps.</summary>
    NoVideo,

    /// <summary>An animation in a picture format the installed ffmpeg cannot decode (animated WebP: ffmpeg 5.1's webp decoder reads stills only).</summary>
    UnsupportedAnimation,
}
