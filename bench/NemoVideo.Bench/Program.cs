using System.Diagnostics;
using System.Globalization;
using NemoVideo.Bench;
using NemoVideo.Compression;

// Not a test: compresses generated clips under 5/10/25/50% ceilings with our engine, plain ffmpeg two-pass and
// HandBrakeCLI two-pass, measures each against its source, runs the batch goal (20 mixed clips through
// Compress-NemoVideo against Connect-Nemo -Local; needs the packaged module), and prints one table and the goals.
// Options: --help (BenchOptions.cs).
if (BenchOptions.Parse(args, out var exitCode) is not { } options)
{
    Environment.Exit(exitCode);
    return;
}

var quick = options.Quick;
var prepareOnly = options.PrepareOnly;
var batchOnly = options.BatchOnly;
var workRoot = options.WorkRoot;
var moduleManifest = options.ModuleManifest;
var onlyClips = options.Clips?.ToArray();
double[] shares = options.CeilingShares?.ToArray() ?? (quick ? [0.10, 0.50] : [0.05, 0.10, 0.25, 0.50]);
DateTime? deadline = options.DeadlineText is { } deadlineText ? Deadline.Next(deadlineText, DateTime.UtcNow) : null;
var batchFirst = options.BatchFirst;
var runBatch = !options.NoBatch && (onlyClips is null || batchOnly || batchFirst);
var skipped = new List<string>();
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

if (options.Contenders is { } contenderList)
{
    contenders = contenders.Where(contender => contenderList.Contains(contender.Name)).ToList();
}

var clipDirectory = Directory.CreateDirectory(Path.Combine(workRoot, "clips")).FullName;
var outputDirectory = Directory.CreateDirectory(Path.Combine(workRoot, quick ? "out-quick" : "out")).FullName;
var rows = new List<BenchRow>();
var started = Stopwatch.StartNew();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Benchmark {(quick ? "(quick)" : onlyClips is not null || options.CeilingShares is not null ? "(part of the set)" : "(full)")} on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; x264 preset medium for both peers; load average at start {LoadAverage()}."));
var clips = BenchClip.Set(quick).Where(clip => onlyClips is null || onlyClips.Contains(clip.Name))
    .OrderBy(clip => onlyClips is null ? 0 : Array.IndexOf(onlyClips, clip.Name)).ToList();
BatchOutcome? batch = null;
if (runBatch && batchFirst && !prepareOnly)
{
    Console.Error.WriteLine($"  batch: {(quick ? 6 : 20)} clips, load average {LoadAverage()}");
    batch = await BatchGoal.RunAsync(quick, workRoot, tools, moduleManifest);
}

// Sources first (generated once, cached), then the cases: clip by clip, or with --breadth-first ceiling by ceiling, so
// a run cut short by --deadline still has every kind of content at the first ceilings listed.
var sources = new Dictionary<string, MediaInfo>();
foreach (var clip in batchOnly ? [] : clips)
{
    var source = await prober.ProbeAsync(await clip.GenerateAsync(clipDirectory, tools));
    sources[clip.Name] = source;
    if (!prepareOnly)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- {clip.Name}: {clip.Description}, {source.Video.DisplayWidth}x{source.Video.DisplayHeight}, {source.DurationSeconds:0.###} s, "
            + $"{source.Video.FrameRate:0.##} fps{(source.Video.IsVariableFrameRate ? " (variable)" : "")}, {source.SizeBytes / 1e6:0.00} MB"));
    }
}

var cases = options.BreadthFirst
    ? shares.SelectMany(share => clips.Select(clip => (Clip: clip, Share: share))).ToList()
    : clips.SelectMany(clip => shares.Select(share => (Clip: clip, Share: share))).ToList();
foreach (var (clip, share) in prepareOnly || batchOnly ? [] : cases)
{
    var source = sources[clip.Name];
    {
        if (deadline is { } stopAt && DateTime.UtcNow > stopAt)
        {
            skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{clip.Name}/{share:P0}"));
            continue;
        }

        var ceiling = (long)(source.SizeBytes * share);
        // Other work on a shared machine slows whoever runs at that moment; rotating the order spreads that over all three.
        var turn = rows.Count / contenders.Count;
        foreach (var contender in contenders.Skip(turn % contenders.Count).Concat(contenders.Take(turn % contenders.Count)))
        {
            var output = Path.Combine(outputDirectory, $"{clip.Name}-{share * 100:0}-{contender.Name}.mp4");
            var work = Directory.CreateTempSubdirectory("nemo-bench-").FullName;
            var clock = Stopwatch.StartNew();
            try
            {
                await contender.EncodeAsync(source, ceiling, output, work);
                clock.Stop();
                var written = await prober.ProbeAsync(output);
                var (ssim, psnr) = await QualityMeter.MeasureAsync(tools, source, output);
                rows.Add(new BenchRow(clip.Name, share, ceiling, contender.Name, written.SizeBytes,
                    written.Video.DisplayWidth, written.Video.DisplayHeight, ssim, psnr, clock.Elapsed.TotalSeconds, source.DurationSeconds)
                    with { SourceShortSide = ShortSide(source), SourceFrameRate = source.Video.FrameRate, SourceVariableFrameRate = source.Video.IsVariableFrameRate });
            }
            catch (Exception error) when (error is CompressionException or InvalidOperationException)
            {
                rows.Add(new BenchRow(clip.Name, share, ceiling, contender.Name, 0, 0, 0, 0, 0, clock.Elapsed.TotalSeconds, source.DurationSeconds,
                    error is CompressionException engineError ? $"{engineError.ErrorId}: {engineError.Message}" : error.Message)
                    with { SourceShortSide = ShortSide(source), SourceFrameRate = source.Video.FrameRate, SourceVariableFrameRate = source.Video.IsVariableFrameRate });
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }

            Console.Error.WriteLine($"  done {clip.Name} {share:P0} {contender.Name} ({started.Elapsed.TotalMinutes:0.0} min)");
        }
    }
}

if (prepareOnly)
{
    await BatchGoal.GenerateAsync(quick, workRoot, tools);
}
else if (runBatch && !batchFirst)
{
    Console.Error.WriteLine($"  batch: {(quick ? 6 : 20)} clips, load average {LoadAverage()}");
    batch = await BatchGoal.RunAsync(quick, workRoot, tools, moduleManifest);
}

if (!prepareOnly)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Finished {DateTime.UtcNow:HH:mm} UTC after {started.Elapsed.TotalMinutes:0.0} min; load average at the end {LoadAverage()} (other work on this shared machine slows every encoder; ratios are side by side in one run)."));
    if (skipped.Count > 0)
    {
        Console.WriteLine($"NOT RUN (the --deadline {options.DeadlineText} UTC passed before they started): {string.Join(", ", skipped)}.");
    }

    Console.WriteLine();
    // Every case of the full set that this run did not measure (a --deadline, --clips, --ceilings or --quick run) keeps
    // the goals over "every clip and ceiling" from being met by the cases that were run.
    var fullSetCases = BenchClip.Set(quick: false).Count * 4;
    var measured = rows.Where(row => row.Contender == BenchReport.Ours).Select(row => (row.Clip, row.CeilingShare)).Distinct().Count();
    BenchReport.Print(rows, batch, Console.Out, Math.Max(skipped.Count, quick ? fullSetCases : fullSetCases - measured));
}

static int ShortSide(MediaInfo source) => Math.Min(source.Video.DisplayWidth, source.Video.DisplayHeight);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
