using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>Encoder options per codec. Pass 1 uses the cheap analysis x264's own CLI uses for a first pass
/// (its stats stay compatible with a full pass 2), which is most of the speed difference against plain ffmpeg.
/// Budget encodes use x264's ssim tuning (psychovisual rate-distortion off, variance AQ): under a fixed size it keeps
/// the picture closest to the source (about +0.005 SSIM at equal bytes in our runs) at the cost of some grain-like
/// detail that psy-rd would invent; quality (CRF) encodes keep x264's default perceptual tuning.</summary>
internal static class VideoEncoder
{
    private const string X264Preset = "medium";
    /// <summary>The one-pass budget encode's preset: against medium it took 0.65–0.92 of the CPU on five of six cases
    /// (1.09 on one) for −0.0009 to +0.0003 SSIM, except an animation at 10 % (−0.010), and it stayed 0.0011–0.0082 ahead
    /// of an untuned two-pass medium encode (docs/benchmark-results.md, bench/levers/rate-control.sh).</summary>
    private const string X264BitratePreset = "fast";
    private const string X264FastFirstPass = "ref=1:subme=2:me=dia:partitions=none:trellis=0:8x8dct=0:fast-pskip=1";
    private const string X265Preset = "fast";

    public static IEnumerable<string> QualityArguments(EncodePlan plan)
    {
        var crf = plan.QualityCrf.ToString(CultureInfo.InvariantCulture);
        return plan.Codec switch
        {
            VideoCodecKind.H264 => [.. X264(), "-crf", crf],
            VideoCodecKind.H265 => [.. X265(), "-crf", crf, "-x265-params", "log-level=error"],
            _ => [.. Vp9(cpuUsed: 2), "-crf", crf, "-b:v", "0"],
        };
    }

    /// <summary>A budget encode by quality value (a short clip's size search): fractional CRF, tuned like the two-pass encode.</summary>
    public static IEnumerable<string> BudgetCrfArguments(EncodePlan plan, double crf)
    {
        var value = crf.ToString("0.##", CultureInfo.InvariantCulture);
        return plan.Codec switch
        {
            VideoCodecKind.H264 => [.. X264(), "-tune", "ssim", "-crf", value],
            VideoCodecKind.H265 => [.. X265(), "-crf", value, "-x265-params", "log-level=error"],
            _ => [.. Vp9(cpuUsed: 2), "-crf", ((int)Math.Round(crf)).ToString(CultureInfo.InvariantCulture), "-b:v", "0"],
        };
    }

    /// <summary>The CRF range of each encoder (lowest best); the short-clip search stays inside it.</summary>
    public static double MaximumCrf(VideoCodecKind codec) => codec == VideoCodecKind.Vp9 ? 63 : 51;

    /// <summary>x264's CRF 0 is lossless, which the High profile we ask for refuses ("high profile doesn't support
    /// lossless"): a one-frame picture under a generous share of the ceiling drove the search there.</summary>
    public static double MinimumCrf(VideoCodecKind codec) => codec == VideoCodecKind.H264 ? 1 : 0;

    /// <summary>Whether a budget encode runs in one pass at an average bitrate (x264's ABR with its MB-tree lookahead)
    /// rather than two: x264 only. For the same size it scored as well as x264's own two passes in our runs at 0.66–0.83
    /// of the CPU; x265 and VP9 keep their two passes, whose one-pass rate control is far looser.</summary>
    public static bool EncodesInOnePass(VideoCodecKind codec) => codec == VideoCodecKind.H264;

    /// <summary>
    /// One-pass average-bitrate arguments (only where <see cref="EncodesInOnePass"/>). x264 runs it as a first pass with its
    /// full analysis (<c>-fastfirstpass 0</c>): the output is byte for byte that of a plain one-pass encode, in the same
    /// time, and the pass's statistics are left at <paramref name="statsPrefix"/>, so when the run misses its size the
    /// second pass that follows (<see cref="SecondPassAfterOnePassArguments"/>) needs no first pass of its own.
    /// </summary>
    public static IEnumerable<string> AverageBitrateArguments(long videoBitsPerSecond, string statsPrefix) =>
        [.. X264(X264BitratePreset), "-tune", "ssim", "-b:v", videoBitsPerSecond.ToString(CultureInfo.InvariantCulture),
            "-pass", "1", "-fastfirstpass", "0", "-passlogfile", statsPrefix];

    /// <summary>
    /// A second pass on the statistics of a one-pass run (<see cref="AverageBitrateArguments"/>), at that run's preset:
    /// x264 refuses them at medium ("different weightp setting than first pass"). On the tests' 4 s noise clip it took
    /// 0.85 of the one-pass run's time (it reads the frame types instead of deciding them) and landed at 99.7 % of its
    /// target, where a corrected one-pass run can miss again.
    /// </summary>
    public static IEnumerable<string> SecondPassAfterOnePassArguments(long videoBitsPerSecond, string statsPrefix) =>
        [.. X264(X264BitratePreset), "-tune", "ssim", "-b:v", videoBitsPerSecond.ToString(CultureInfo.InvariantCulture),
            "-pass", "2", "-passlogfile", statsPrefix];

    public static IEnumerable<string> PassArguments(EncodePlan plan, long videoBitsPerSecond, int pass, string statsPrefix)
    {
        var bitrate = videoBitsPerSecond.ToString(CultureInfo.InvariantCulture);
        var passText = pass.ToString(CultureInfo.InvariantCulture);
        return plan.Codec switch
        {
            VideoCodecKind.H264 => [.. X264(), "-tune", "ssim", "-b:v", bitrate, "-pass", passText, "-passlogfile", statsPrefix,
                .. pass == 1 ? new[] { "-x264-params", X264FastFirstPass } : []],
            VideoCodecKind.H265 => [.. X265(), "-b:v", bitrate,
                "-x265-params", $"log-level=error:pass={passText}:stats={statsPrefix}.x265.log"],
            _ => [.. Vp9(cpuUsed: pass == 1 ? 4 : 2), "-b:v", bitrate, "-pass", passText, "-passlogfile", statsPrefix],
        };
    }

    private static string[] X264(string preset = X264Preset) =>
        ["-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-pix_fmt", "yuv420p"];

    /// <summary>hvc1 tagging lets Apple players open HEVC in MP4/MOV.</summary>
    private static string[] X265() =>
        ["-c:v", "libx265", "-preset", X265Preset, "-pix_fmt", "yuv420p", "-tag:v", "hvc1"];

    private static string[] Vp9(int cpuUsed) =>
        ["-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", cpuUsed.ToString(CultureInfo.InvariantCulture),
            "-row-mt", "1", "-pix_fmt", "yuv420p"];
}
