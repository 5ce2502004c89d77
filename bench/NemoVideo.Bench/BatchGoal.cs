using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NemoVideo.Compression;

namespace NemoVideo.Bench;

/// <summary>
/// The batch goal: mixed clips (sizes 180p–1080p, 3 or 6 s, noise, clean pattern, text, face, portrait, VFR, one that
/// already fits) through <c>Compress-NemoVideo</c> against <c>Connect-Nemo -Local</c> from the packaged module, one at a
/// time and then with <c>-ThrottleLimit 2</c> (Batch.ps1). Needs <c>dotnet pwsh ./build.ps1 -Task Package</c> first.
/// </summary>
internal static partial class BatchGoal
{
    public const long MaxSizeBytes = 1_000_000;

    private static readonly (string Kind, int Width, int Height, string Source, bool Portrait, bool Vfr)[] Kinds =
    [
        ("noise", 640, 360, "testsrc2=size={0}x{1}:rate=30,noise=alls=10:allf=t", false, false),
        ("clean", 1280, 720, "testsrc2=size={0}x{1}:rate=30", false, false),
        ("screen", 1280, 720, LowMotion.ScreenRecording, false, false),
        ("face", 960, 540, LowMotion.Face, false, false),
        ("portrait", 640, 360, "testsrc2=size={0}x{1}:rate=30,noise=alls=4:allf=t", true, false),
        ("vfr", 960, 540, "testsrc2=size={0}x{1}:rate=30,noise=alls=3:allf=t", true, true),
        ("fits", 320, 180, "testsrc2=size={0}x{1}:rate=30", false, false),
        ("full-hd", 1920, 1080, "testsrc2=size={0}x{1}:rate=30,noise=alls=2:allf=t", false, false),
    ];

    public static IReadOnlyList<BenchClip> Clips(bool quick) => Enumerable.Range(0, quick ? 6 : 20)
        .Select(index =>
        {
            var kind = Kinds[index % Kinds.Length];
            var seconds = 3 + (index * 3 % 6);
            return new BenchClip($"batch-{index:00}-{kind.Kind}", kind.Kind, kind.Width, kind.Height, seconds, kind.Source, kind.Portrait, kind.Vfr);
        })
        .ToList();

    public static async Task<string> GenerateAsync(bool quick, string workRoot, FfmpegTools tools)
    {
        var clipFolder = Directory.CreateDirectory(Path.Combine(workRoot, "clips", quick ? "batch-quick" : "batch")).FullName;
        foreach (var clip in Clips(quick))
        {
            await clip.GenerateAsync(clipFolder, tools);
        }

        return clipFolder;
    }

    public static async Task<BatchOutcome> RunAsync(bool quick, string workRoot, FfmpegTools tools, string moduleManifest)
    {
        var clipFolder = await GenerateAsync(quick, workRoot, tools);
        var clips = Clips(quick);

        if (!File.Exists(moduleManifest))
        {
            return new BatchOutcome(clips.Count, 0, 0, 0, 0,
                $"the packaged module {moduleManifest} is missing (run: dotnet pwsh ./build.ps1 -Task Package)");
        }

        var outputFolder = Directory.CreateDirectory(Path.Combine(workRoot, quick ? "batch-out-quick" : "batch-out")).FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "Batch.ps1");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script, "-ModuleManifest", moduleManifest,
                     "-ClipFolder", clipFolder, "-OutputFolder", outputFolder, "-MaxSize", MaxSizeBytes.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = BatchLine().Match(output);
        if (!match.Success)
        {
            return new BatchOutcome(clips.Count, 0, 0, 0, 0, $"Batch.ps1 printed no result (exit {process.ExitCode}): {output} {await errors}".Trim());
        }

        double Number(string name) => double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new BatchOutcome((int)Number("files"), Number("one"), Number("two"), (long)Number("peak") * 1024, (int)Number("failed"), null);
    }

    [GeneratedRegex(@"BATCH files=(?<files>\d+) one_at_a_time_s=(?<one>[0-9.]+) throttle2_s=(?<two>[0-9.]+) server_peak_rss_kib=(?<peak>\d+) failed=(?<failed>\d+)")]
    private static partial Regex BatchLine();
}
