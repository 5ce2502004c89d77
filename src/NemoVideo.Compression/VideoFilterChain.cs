using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>The -vf chain. ffmpeg has already applied rotation metadata (autorotate) before it, so sizes here are display sizes.</summary>
internal static class VideoFilterChain
{
    public static string Build(EncodePlan plan)
    {
        var video = plan.Source.Video;
        var filters = new List<string>();
        if (plan.FrameRate is { } rate)
        {
            // Dropping frames first means every later filter sees fewer of them.
            filters.Add("fps=" + rate.ToString("0.###", CultureInfo.InvariantCulture));
        }

        if (plan.Width != video.DisplayWidth || plan.Height != video.DisplayHeight || Math.Abs(video.SampleAspectRatio - 1) > 0.001)
        {
            filters.Add($"scale={plan.Width}:{plan.Height}:flags=lanczos");
            filters.Add("setsar=1");
        }

        if (video.IsHdr)
        {
            filters.AddRange(ToneMapToBt709(video));
        }

        // Players and the High profile expect 8-bit 4:2:0; 10-bit and 4:4:4 sources would otherwise stay as they are.
        filters.Add("format=yuv420p");
        return string.Join(',', filters);
    }

    /// <summary>PQ/HLG BT.2020 to SDR BT.709 via linear light and the Hable curve, so HDR clips are not washed out.</summary>
    private static IEnumerable<string> ToneMapToBt709(VideoStreamInfo video)
    {
        var transfer = video.ColorTransfer == "arib-std-b67" ? "arib-std-b67" : "smpte2084";
        var matrix = video.ColorSpace is "bt2020c" ? "2020_cl" : "2020_ncl";
        yield return $"zscale=tin={transfer}:min={matrix}:pin=2020:rin={(video.ColorRange == "pc" ? "full" : "limited")}:t=linear:npl=100";
        yield return "format=gbrpf32le";
        yield return "zscale=p=709";
        yield return "tonemap=tonemap=hable:desat=0";
        yield return "zscale=t=709:m=709:r=limited";
    }
}
