using System.Diagnostics;

namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>
/// The benchmark's command line, run as a process: a reviewer's <c>--help</c> started the 70-minute full run, and
/// <c>--contenders nemo,handbrake,ffmpeg</c> silently ran only our engine. Help prints the options; a wrong option or
/// name is refused with the names it takes, before any clip is made. A second reviewer's <c>--contenders ,</c> passed
/// the name check and divided by zero encoders after the clip was made; <c>--ceilings NaN</c> and clips outside the
/// chosen set ran nothing and exited 0.
/// </summary>
public sealed class BenchCommandLineTests
{
    [Fact]
    public async Task Help_lists_the_options_and_runs_nothing()
    {
        var (exitCode, output) = await RunBenchAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--contenders", output, StringComparison.Ordinal);
        Assert.Contains("--deadline", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark (", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--contenders nemo,handbrake,ffmpeg", "no such name 'handbrake', 'ffmpeg'; the names are nemo, ffmpeg-2pass, handbrake-2pass")]
    [InlineData("--clips short-0.3s,short", "no such clip 'short' in the full set")]
    [InlineData("--ceilings 10,abc", "--ceilings takes percentages above 0 and at most 100")]
    [InlineData("--deadline 25:00", "--deadline takes a UTC time of day as HH:mm")]
    [InlineData("--quik", "Unrecognized command or argument '--quik'")]
    [InlineData("--contenders ,", "--contenders takes at least one name")]
    [InlineData("--clips ,", "--clips takes at least one name")]
    [InlineData("--quick --clips uhd-4k", "no such clip 'uhd-4k' in the --quick set")]
    [InlineData("--ceilings NaN", "--ceilings takes percentages above 0 and at most 100")]
    [InlineData("--batch-only --no-batch", "--batch-only and --no-batch together would run nothing")]
    public async Task A_wrong_option_or_name_is_refused_before_any_work(string arguments, string expected)
    {
        var (exitCode, output) = await RunBenchAsync(arguments.Split(' '));

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark (", output, StringComparison.Ordinal);
    }

    /// <summary>The benchmark built beside these tests, in the same configuration (bench/NemoVideo.Bench/bin/&lt;config&gt;/net10.0).</summary>
    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] arguments)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var bench = Path.Combine(root, "bench", "NemoVideo.Bench", "bin", configuration, testOutput.Name, "NemoVideo.Bench.dll");
        Assert.True(File.Exists(bench), $"The benchmark is not built at {bench}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(bench);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
