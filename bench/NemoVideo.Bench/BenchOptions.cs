using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NemoVideo.Bench;

/// <summary>
/// The benchmark's command line, parsed by System.CommandLine: <c>--help</c> prints the options, and an unknown option,
/// clip, encoder, ceiling or deadline is refused (exit code 1) before any clip is made or any encoder runs. A mistyped
/// name once ran the whole 70-minute set, or silently dropped an encoder and then wrote about it as if it had run.
/// </summary>
internal sealed record BenchOptions(
    bool Quick, bool PrepareOnly, bool BatchOnly, bool BatchFirst, bool NoBatch, bool BreadthFirst,
    IReadOnlyList<string>? Clips, IReadOnlyList<double>? CeilingShares, string? DeadlineText, IReadOnlyList<string>? Contenders,
    string ModuleManifest, string WorkRoot)
{
    /// <summary>The encoders compared, by the names the table prints.</summary>
    public static readonly string[] ContenderNames = ["nemo", "ffmpeg-2pass", "handbrake-2pass"];

    /// <summary>The options read from <paramref name="args"/>, or null after help or an error was written (<paramref name="exitCode"/>).</summary>
    public static BenchOptions? Parse(string[] args, out int exitCode)
    {
        string[] ClipNames(bool quickSet) => BenchClip.Set(quickSet).Select(clip => clip.Name).ToArray();
        var clipNames = ClipNames(quickSet: false);
        var quick = new Option<bool>("--quick") { Description = "Small clips, 10 % and 50 % ceilings, a 6-clip batch (for development)." };
        var prepare = new Option<bool>("--prepare") { Description = "Only generate the clips (cached under <work>/clips)." };
        var clips = ListOption("--clips", $"Only these clips, comma-separated: {string.Join(", ", clipNames)} (with --quick: {string.Join(", ", ClipNames(quickSet: true))}).", null);
        var ceilings = new Option<string?>("--ceilings") { Description = "Only these ceilings, in percent of the source's size, comma-separated (e.g. 5,10)." };
        ceilings.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParseShares(text) is null)
            {
                result.AddError($"--ceilings takes percentages above 0 and at most 100, comma-separated (e.g. 5,10), not '{text}'.");
            }
        });
        var deadline = new Option<string?>("--deadline") { Description = "HH:mm (UTC): start no new case after the next time the clock shows this; the cases left out are listed." };
        deadline.Validators.Add(result =>
        {
            try
            {
                if (result.GetValueOrDefault<string?>() is { } text)
                {
                    Deadline.Next(text, DateTime.UtcNow);
                }
            }
            catch (FormatException error)
            {
                result.AddError(error.Message);
            }
        });
        var batchFirst = new Option<bool>("--batch-first") { Description = "Run the batch goal before the clips (with a deadline, so it is measured for sure)." };
        var contenders = ListOption("--contenders", $"Only these encoders, comma-separated: {string.Join(", ", ContenderNames)} (the ratio columns need all three).", ContenderNames);
        var breadthFirst = new Option<bool>("--breadth-first") { Description = "Every clip at the first ceiling, then the next ceiling (instead of clip by clip)." };
        var noBatch = new Option<bool>("--no-batch") { Description = "Leave out the batch goal." };
        var batchOnly = new Option<bool>("--batch-only") { Description = "Only the batch goal." };
        var module = new Option<string>("--module")
        {
            Description = "The packaged module's manifest, for the batch goal.",
            DefaultValueFactory = _ => Path.Combine("out", "NemoVideo", "0.1.0", "NemoVideo.psd1"),
        };
        var work = new Option<string>("--work")
        {
            Description = "Where clips and outputs go.",
            DefaultValueFactory = _ => Path.Combine("bench", "results"),
        };

        var root = new RootCommand(
            "Compresses generated clips under 5/10/25/50 % ceilings with our engine, plain ffmpeg two-pass and HandBrakeCLI two-pass, "
            + "measures each against its source, runs the batch goal, and prints one table and the goals (MET / NOT MET).")
        {
            quick, prepare, clips, ceilings, deadline, batchFirst, contenders, breadthFirst, noBatch, batchOnly, module, work,
        };
        root.Validators.Add(command =>
        {
            var set = ClipNames(command.GetValue(quick));
            var unknown = Split(command.GetValue(clips))?.Where(name => !set.Contains(name)).ToArray() ?? [];
            if (unknown.Length > 0)
            {
                command.AddError($"--clips: no such clip {string.Join(", ", unknown.Select(name => $"'{name}'"))} in the {(command.GetValue(quick) ? "--quick" : "full")} set; its clips are {string.Join(", ", set)}.");
            }

            if (command.GetValue(batchOnly) && command.GetValue(noBatch))
            {
                command.AddError("--batch-only and --no-batch together would run nothing; give one of them.");
            }
        });
        BenchOptions? options = null;
        root.SetAction(parsed =>
        {
            options = new BenchOptions(
                parsed.GetValue(quick), parsed.GetValue(prepare), parsed.GetValue(batchOnly), parsed.GetValue(batchFirst),
                parsed.GetValue(noBatch), parsed.GetValue(breadthFirst), Split(parsed.GetValue(clips)),
                parsed.GetValue(ceilings) is { } text ? ParseShares(text) : null, parsed.GetValue(deadline), Split(parsed.GetValue(contenders)),
                Path.GetFullPath(parsed.GetValue(module)!), Path.GetFullPath(parsed.GetValue(work)!));
            return 0;
        });

        exitCode = root.Parse(args).Invoke();
        return exitCode == 0 ? options : null;
    }

    /// <summary>A comma-separated list of at least one name; names outside <paramref name="known"/> (when given) are refused.</summary>
    private static Option<string?> ListOption(string name, string description, string[]? known)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (Split(result.GetValueOrDefault<string?>()) is not { Length: > 0 } items)
            {
                result.AddError($"{name} takes at least one name, comma-separated{(known is null ? "" : $": {string.Join(", ", known)}")}.");
                return;
            }

            var unknown = known is null ? [] : items.Where(item => !known.Contains(item)).ToArray();
            if (unknown.Length > 0)
            {
                result.AddError($"{name}: no such name {string.Join(", ", unknown.Select(item => $"'{item}'"))}; the names are {string.Join(", ", known!)}.");
            }
        });
        return option;
    }

    private static string[]? Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Percentages as shares of one (10 → 0.10), or null when any is not a number in (0, 100].</summary>
    internal static double[]? ParseShares(string text)
    {
        var shares = new List<double>();
        foreach (var item in Split(text) ?? [])
        {
            // "NaN" parses as a number and passes both comparisons the other way round; only a finite value in (0, 100] is taken.
            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent > 0 && percent <= 100))
            {
                return null;
            }

            shares.Add(percent / 100);
        }

        return shares.Count > 0 ? shares.ToArray() : null;
    }
}
