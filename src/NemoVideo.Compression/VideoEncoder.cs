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

    /// <summary>The encoder's name as users know it, for notes ("x264 CRF 23").</summary>
    public static string Name(VideoCodecKind codec) => codec switch
    {
        VideoCodecKind.H264 => "x264",
        VideoCodecKind.H265 => "x265",
        _ => "VP9",
    };

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
    /// Below this many output frames x264 encodes in two passes even where it would encode in one
    /// (<see cref="EncodesInOnePass"/>), both at the one-pass preset: its one-pass rate control has too few frames to
    /// converge. A first run aimed at 97.5 % lands in the band [93 %, 100 %] when the video part comes within −4.6/+2.6 %
    /// of its target; 640x360 one-pass runs of noise, a clean test pattern, a Mandelbrot zoom and a cellular automaton
    /// at 0.4, 1.5 and 5 Mbit/s did so in 0 of 12 cases at 2 s, 3 at 3 s, 4 at 4 s, 4 at 6 s, 5 at 8 s and 7 at 12 s
    /// (noise at 5 Mbit/s: +22 % at 2 s, +9 % at 4 s, +4 % at 8 s). A miss costs at least one more whole run (a corrected
    /// one-pass run, or two passes at medium when it landed well short); two passes at fast cost 1.45 one-pass runs (a fast
    /// first pass 0.58 and pass 2 0.87 of a one-pass run on the tests' 4 s noise clip: 0.87 + 1.28 s against 1.50 s for one
    /// pass, which overshot to 104 % of its target), so they are the cheaper once about half the one-pass runs miss. The
    /// benchmark's clips (10 s and longer at 30 fps, 300 frames and more) keep one pass. Measured and not kept: second
    /// passes on a one-pass run's own statistics after it missed (<c>-pass 1 -fastfirstpass 0</c> writes them at no cost):
    /// on the benchmark's clean animation at 5 % they overshot twice, 4 encodes and 25 s for SSIM 0.9436, where a
    /// corrected one-pass run had taken 2 encodes.
    /// </summary>
    public const double OnePassMinimumFrames = 270;

    /// <summary>One-pass average-bitrate arguments (only where <see cref="EncodesInOnePass"/>).</summary>
    public static IEnumerable<string> AverageBitrateArguments(long videoBitsPerSecond) =>
        [.. X264(X264BitratePreset), "-tune", "ssim", "-b:v", videoBitsPerSecond.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Pass 1 or 2 of a two-pass encode.</summary>
    /// <param name="atOnePassPreset">x264 at the one-pass run's preset (<c>fast</c>) rather than <c>medium</c>, for both
    /// passes of a clip too short for one pass (<see cref="OnePassMinimumFrames"/>). On the tests' 4 s noise clip a pass 2
    /// at fast took 0.7 of one at medium (1.3 against 1.8 s) and 0.85 of a one-pass run (it reads the frame types instead
    /// of deciding them); at the same bitrate its SSIM was −0.0002 (720p test pattern), ±0 (cellular automaton) and
    /// −0.0028 (Mandelbrot zoom) from pass 2 at medium.</param>
    public static IEnumerable<string> PassArguments(EncodePlan plan, long videoBitsPerSecond, int pass, string statsPrefix, bool atOnePassPreset = false)
    {
        var bitrate = videoBitsPerSecond.ToString(CultureInfo.InvariantCulture);
        var passText = pass.ToString(CultureInfo.InvariantCulture);
        return plan.Codec switch
        {
            VideoCodecKind.H264 => [.. X264(atOnePassPreset ? X264BitratePreset : X264Preset), "-tune", "ssim", "-b:v", bitrate, "-pass", passText, "-passlogfile", statsPrefix,
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
