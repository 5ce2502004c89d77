using System.Globalization;

namespace NemoVideo.Bench;

/// <summary>Prints the side-by-side table (markdown) and the goal lines for our engine.</summary>
internal static class BenchReport
{
    public const string Ours = "nemo";

    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter writer)
    {
        writer.WriteLine("| clip | ceiling | encoder | size ÷ ceiling | resolution | SSIM | PSNR dB | time s | ΔSSIM vs nemo | time ÷ nemo |");
        writer.WriteLine("|---|---|---|---:|---|---:|---:|---:|---:|---:|");
        var clipOrder = rows.Select(row => row.Clip).Distinct().ToList();
        foreach (var row in rows.OrderBy(row => clipOrder.IndexOf(row.Clip)).ThenBy(row => row.CeilingShare)
                     .ThenBy(row => row.Contender != Ours).ThenBy(row => row.Contender))
        {
            var ours = rows.First(other => other.Clip == row.Clip && other.CeilingShare == row.CeilingShare && other.Contender == Ours);
            var relative = row.Contender == Ours ? "— | —"
                : F($"{row.Ssim - ours.Ssim:+0.0000;-0.0000;0.0000} | {row.Seconds / ours.Seconds:0.00}");
            writer.WriteLine(F($"| {row.Clip} | {row.CeilingShare:P0} ({row.CeilingBytes / 1e6:0.00} MB) | {row.Contender} | {row.BudgetUse:0.000} | ")
                + F($"{row.Width}x{row.Height} | {row.Ssim:0.0000} | {row.Psnr:0.00} | {row.Seconds:0.0} | {relative} |"));
        }

        writer.WriteLine();
        PrintGoals(rows, writer);
    }

    private static void PrintGoals(IReadOnlyList<BenchRow> rows, TextWriter writer)
    {
        var ours = rows.Where(row => row.Contender == Ours).ToList();
        var over = rows.Where(row => row.Bytes > row.CeilingBytes).Select(row => $"{row.Contender}/{row.Clip}/{row.CeilingShare:P0}").ToList();
        var oursOver = ours.Count(row => row.Bytes > row.CeilingBytes);
        writer.WriteLine(F($"- Goal: no output over its ceiling — nemo: {(oursOver == 0 ? "MET" : "MISSED")} ({oursOver} of {ours.Count} over). ")
            + $"All encoders over their ceiling: {(over.Count == 0 ? "none" : string.Join(", ", over))}.");

        var median = Median(ours.Select(row => row.BudgetUse));
        writer.WriteLine(F($"- Goal: median budget use ≥ 97% — nemo median {median:P1}: {(median >= 0.97 ? "MET" : "MISSED")}."));

        var ssimWins = ours.Count(row => row.Ssim >= BestOther(rows, row, other => other.Ssim));
        writer.WriteLine(F($"- Goal: SSIM ≥ the better of the other two — met in {ssimWins} of {ours.Count} cases: {(ssimWins == ours.Count ? "MET" : "MISSED")}."));

        var handBrake = rows.Where(row => row.Contender.StartsWith("handbrake", StringComparison.Ordinal)).ToList();
        if (handBrake.Count == 0)
        {
            writer.WriteLine("- Goal: wall time ≤ HandBrake's — NOT MEASURED (HandBrakeCLI missing).");
            return;
        }

        var oursTime = ours.Sum(row => row.Seconds);
        var handBrakeTime = handBrake.Sum(row => row.Seconds);
        var timeWins = ours.Count(row => row.Seconds <= handBrake.First(hb => hb.Clip == row.Clip && hb.CeilingShare == row.CeilingShare).Seconds);
        writer.WriteLine(F($"- Goal: wall time ≤ HandBrake's — total nemo {oursTime:0.0} s vs HandBrake {handBrakeTime:0.0} s ")
            + F($"(ratio {oursTime / handBrakeTime:0.00}; per case {timeWins} of {ours.Count}): {(oursTime <= handBrakeTime ? "MET" : "MISSED")}."));
    }

    private static double BestOther(IReadOnlyList<BenchRow> rows, BenchRow ours, Func<BenchRow, double> metric) => rows
        .Where(row => row.Clip == ours.Clip && row.CeilingShare == ours.CeilingShare && row.Contender != Ours)
        .Select(metric).DefaultIfEmpty(double.MinValue).Max();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
