using NemoVideo.Bench;

namespace NemoVideo.LocalServer.Tests.Compression;

public sealed class BenchReportTests
{
    private static BenchRow Row(string clip, string contender, double fill, double ssim) =>
        new(clip, 0.1, 1_000_000, contender, (long)(fill * 1_000_000), 1280, 720, ssim, 40, 10, SourceSeconds: 10);

    private static string Report(params BenchRow[] rows)
    {
        using var writer = new StringWriter();
        BenchReport.Print(rows, batch: null, writer);
        return writer.ToString();
    }

    [Fact]
    public void The_SSIM_goal_counts_every_peer_and_the_context_line_only_the_peers_within_the_ceiling()
    {
        var report = Report(
            // Below a peer that overshot: a miss for the goal, not for the context line.
            Row("slides", BenchReport.Ours, 0.98, 0.97), Row("slides", BenchReport.Ffmpeg, 1.2, 0.99), Row("slides", BenchReport.HandBrake, 1.1, 0.98),
            // Below a peer within the ceiling: a miss for both.
            Row("phone", BenchReport.Ours, 0.97, 0.96), Row("phone", BenchReport.Ffmpeg, 0.98, 0.97), Row("phone", BenchReport.HandBrake, 0.99, 0.95),
            // Ahead of both.
            Row("noise", BenchReport.Ours, 0.97, 0.98), Row("noise", BenchReport.Ffmpeg, 0.99, 0.97), Row("noise", BenchReport.HandBrake, 1.05, 0.97));

        var lines = report.Split('\n');
        var goal = Assert.Single(lines, line => line.StartsWith("- Goal: SSIM", StringComparison.Ordinal));
        Assert.Contains("— 1 of 3 cases", goal);
        Assert.Contains("NOT MET", goal);
        var context = Assert.Single(lines, line => line.StartsWith("- Context for the SSIM goal", StringComparison.Ordinal));
        Assert.Contains("SSIM ≥ on 1 of 2 cases; below: phone/10 % (0.9600 vs ffmpeg-2pass 0.9700 at 98.0 %)", context);
        Assert.Contains("no peer output within the ceiling in 1 of 3 cases", context);
    }

    /// <summary>A fresh review's subset run printed "0 outputs over a ceiling — nemo 0 of 2 over …: NOT MET": the cases
    /// run met it, and the rest were not measured.</summary>
    [Fact]
    public void A_partial_run_says_not_measured_where_its_cases_met_a_goal_and_not_met_where_they_did_not()
    {
        using var writer = new StringWriter();
        BenchReport.Print([Row("noise", BenchReport.Ours, 0.97, 0.98), Row("noise", BenchReport.Ffmpeg, 0.99, 0.99),
            Row("noise", BenchReport.HandBrake, 1.05, 0.97)], batch: null, writer, notRun: 38);

        var lines = writer.ToString().Split('\n');
        Assert.EndsWith("NOT MEASURED on the whole set.", Assert.Single(lines, line => line.StartsWith("- Goal: 0 outputs over a ceiling", StringComparison.Ordinal)));
        Assert.EndsWith("NOT MET.", Assert.Single(lines, line => line.StartsWith("- Goal: SSIM", StringComparison.Ordinal)));
    }
}
