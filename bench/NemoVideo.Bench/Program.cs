using System.Diagnostics;
using System.Globalization;
using NemoVideo.Bench;
using NemoVideo.Compression;

// Not a test: compresses generated clips under 10/25/50% ceilings with our engine, plain ffmpeg two-pass
// and HandBrakeCLI two-pass, measures each against its source, and prints one table. --quick for a short run,
// --prepare to only generate the clips (they are cached under the work folder).
var quick = args.Contains("--quick");
var prepareOnly = args.Contains("--prepare");
var workRoot = Path.GetFullPath(args.SkipWhile(arg => arg != "--work").Skip(1).FirstOrDefault() ?? Path.Combine("bench", "results"));
var tools = FfmpegTools.Locate();
var prober = new MediaProber(tools);
var handBrake = await HandBrakeLocator.FindOrInstallAsync();

List<IContender> contenders = [new NemoContender(tools), new FfmpegTwoPassContender(tools)];
if (handBrake is null)
{
    Console.WriteLine("**HandBrakeCLI is missing and could not be installed: its column is absent and the time goal is not measured.**");
}
else
{
    contenders.Add(new HandBrakeContender(handBrake));
}

double[] shares = [0.10, 0.25, 0.50];
var clipDirectory = Directory.CreateDirectory(Path.Combine(workRoot, "clips")).FullName;
var outputDirectory = Directory.CreateDirectory(Path.Combine(workRoot, quick ? "out-quick" : "out")).FullName;
var rows = new List<BenchRow>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Benchmark {(quick ? "(quick)" : "(full)")} on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; x264 preset medium for every encoder."));
foreach (var clip in BenchClip.Set(quick))
{
    var source = await prober.ProbeAsync(await clip.GenerateAsync(clipDirectory, tools));
    if (prepareOnly)
    {
        continue;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"- {clip.Name}: {clip.Description}, {source.Video.DisplayWidth}x{source.Video.DisplayHeight}, {source.DurationSeconds:0.#} s, {source.SizeBytes / 1e6:0.0} MB"));
    foreach (var share in shares)
    {
        var ceiling = (long)(source.SizeBytes * share);
        // Other work on a shared machine slows whoever runs at that moment; rotating the order spreads that over all three.
        var turn = rows.Count / contenders.Count;
        foreach (var contender in contenders.Skip(turn % contenders.Count).Concat(contenders.Take(turn % contenders.Count)))
        {
            var output = Path.Combine(outputDirectory, $"{clip.Name}-{share * 100:0}-{contender.Name}.mp4");
            var work = Directory.CreateTempSubdirectory("nemo-bench-").FullName;
            var clock = Stopwatch.StartNew();
            await contender.EncodeAsync(source, ceiling, output, work);
            clock.Stop();
            Directory.Delete(work, recursive: true);
            var written = await prober.ProbeAsync(output);
            var (ssim, psnr) = await QualityMeter.MeasureAsync(tools, source, output);
            rows.Add(new BenchRow(clip.Name, share, ceiling, contender.Name, written.SizeBytes,
                written.Video.DisplayWidth, written.Video.DisplayHeight, ssim, psnr, clock.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"  done {clip.Name} {share:P0} {contender.Name}");
        }
    }
}

if (!prepareOnly)
{
    Console.WriteLine();
    BenchReport.Print(rows, Console.Out);
}
