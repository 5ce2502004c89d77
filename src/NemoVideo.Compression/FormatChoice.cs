namespace NemoVideo.Compression;

/// <summary>Turns the request's container and codec words into what ffmpeg will write, rejecting pairs no player reads.</summary>
internal static class FormatChoice
{
    public static OutputContainer Container(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mp4" or "m4v" => OutputContainer.Mp4,
        "mov" => OutputContainer.Mov,
        "webm" => OutputContainer.WebM,
        _ => throw Invalid($"The container '{name}' is not supported; use mp4, webm or mov."),
    };

    public static VideoCodecKind Codec(string name, OutputContainer container)
    {
        var codec = name.Trim().ToLowerInvariant() switch
        {
            "h264" or "avc" or "x264" => VideoCodecKind.H264,
            "h265" or "hevc" or "x265" => VideoCodecKind.H265,
            "vp9" => VideoCodecKind.Vp9,
            _ => throw Invalid($"The video codec '{name}' is not supported; use h264, h265 or vp9."),
        };

        // WebM only carries VP8/VP9/AV1, so asking for WebM means VP9 whatever codec word came with it.
        if (container == OutputContainer.WebM)
        {
            return VideoCodecKind.Vp9;
        }

        return codec == VideoCodecKind.Vp9 && container == OutputContainer.Mov
            ? throw Invalid("VP9 cannot be written to MOV; use mp4 or webm for VP9.")
            : codec;
    }

    /// <summary>ffprobe codec name of what the codec writes, to recognise a source that can be copied as is.</summary>
    public static string ProbeName(VideoCodecKind codec) => codec switch
    {
        VideoCodecKind.H264 => "h264",
        VideoCodecKind.H265 => "hevc",
        _ => "vp9",
    };

    public static bool CanCarryAudio(OutputContainer container, string audioCodec) => container == OutputContainer.WebM
        ? audioCodec is "opus" or "vorbis"
        : audioCodec is "aac" or "mp3";

    public static string AudioEncoder(OutputContainer container) => container == OutputContainer.WebM ? "libopus" : "aac";

    public static CompressionException Invalid(string message) => new(CompressionFailure.InvalidRequest, message);
}
