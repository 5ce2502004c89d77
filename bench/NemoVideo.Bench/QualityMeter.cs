using System.Globalization;
using System.Text.RegularExpressions;
using NemoVideo.Compression;

namespace NemoVideo.Bench;

/// <summary>SSIM and PSNR of an output against its source, with the output scaled back to the source's size when they differ.</summary>
internal static partial class QualityMeter
{
    public static async Task<(double Ssim, double Psnr)> MeasureAsync(FfmpegTools tools, MediaInfo source, string outputPath)
    {
        var size = $"{source.Video.DisplayWidth}:{source.Video.DisplayHeight}";
        var graph = $"[0:v]scale={size}:flags=bicubic,format=yuv420p,setpts=PTS-STARTPTS,split[d1][d2];"
            + "[1:v]format=yuv420p,setpts=PTS-STARTPTS,split[r1][r2];[d1][r1]ssim;[d2][r2]psnr";
        var log = await Tool.RunAsync(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", outputPath, "-i", source.Path, "-lavfi", graph, "-an", "-f", "null", "-"]);
        return (Parse(SsimAll(), log), Parse(PsnrAverage(), log));
    }

    private static double Parse(Regex pattern, string log)
    {
        var match = pattern.Match(log);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("ffmpeg printed no metric: " + log);
    }

    [GeneratedRegex(@"SSIM .*All:([0-9.]+)")]
    private static partial Regex SsimAll();

    [GeneratedRegex(@"PSNR .*average:([0-9.]+|inf)")]
    private static partial Regex PsnrAverage();
}
