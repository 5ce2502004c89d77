namespace NemoVideo.Compression;

/// <summary>Quality words as constant-rate-factor values; each codec's scale differs, so the same word maps per codec.</summary>
internal static class QualityScale
{
    public static int Crf(VideoCodecKind codec, QualityPreference quality) => (codec, quality) switch
    {
        (VideoCodecKind.H264, QualityPreference.High) => 18,
        (VideoCodecKind.H264, QualityPreference.Smallest) => 28,
        (VideoCodecKind.H264, _) => 23,
        (VideoCodecKind.H265, QualityPreference.High) => 20,
        (VideoCodecKind.H265, QualityPreference.Smallest) => 30,
        (VideoCodecKind.H265, _) => 26,
        (VideoCodecKind.Vp9, QualityPreference.High) => 24,
        (VideoCodecKind.Vp9, QualityPreference.Smallest) => 40,
        (VideoCodecKind.Vp9, _) => 32,
        _ => 23,
    };
}
