using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NemoVideo.Compression;

/// <summary>Runs ffmpeg or ffprobe with an argument list (never a shell string), streams standard output
/// line by line, keeps the tail of standard error for error messages, and kills the process tree on cancellation.</summary>
internal static class ToolProcess
{
    private const int StandardErrorTailChars = 4000;

    public static async Task<ToolOutcome> RunAsync(string executable, IEnumerable<string> arguments,
        Action<string>? onOutputLine, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new CompressionException(CompressionFailure.ToolMissing, $"Could not start '{executable}': {error.Message}", executable, error);
        }

        process.StandardInput.Close();
        var standardOutput = new StringBuilder();
        var readOutput = PumpAsync(process.StandardOutput, line =>
        {
            if (onOutputLine is null)
            {
                standardOutput.AppendLine(line);
            }
            else
            {
                onOutputLine(line);
            }
        });
        var errorTail = new StringBuilder();
        var readError = PumpAsync(process.StandardError, line =>
        {
            errorTail.AppendLine(line);
            if (errorTail.Length > StandardErrorTailChars * 2)
            {
                errorTail.Remove(0, errorTail.Length - StandardErrorTailChars);
            }
        });

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await Task.WhenAll(readOutput, readError).ConfigureAwait(false);
        return new ToolOutcome(process.ExitCode, standardOutput.ToString(), errorTail.ToString().Trim());
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the cancellation and the kill: nothing left to stop.
        }
    }
}

internal sealed partial record ToolOutcome(int ExitCode, string StandardOutput, string StandardErrorTail)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Stopped by a signal this process did not send (our own cancellation throws instead): a Ctrl+C in the terminal
    /// reaches every process of its group, ffmpeg included; a closed terminal hangs up; an operator or a service manager
    /// terminates; the kernel's out-of-memory killer sends SIGKILL. ffmpeg catches SIGINT/SIGTERM, finishes its output and
    /// exits 255 (123 after a fourth signal), saying "received signal N" only at <c>-v info</c> and above, while its own
    /// failures exit 1; a program killed before it catches the signal exits 128 + N.
    /// </summary>
    public bool Interrupted => ExitCode is CaughtSignalExit or CaughtSignalsExit || Signal is Hangup or Interrupt or Kill or Terminate;

    /// <summary>ffmpeg's exit after it caught SIGINT or SIGTERM (or SIGXCPU), and after a fourth such signal.</summary>
    private const int CaughtSignalExit = 255;
    private const int CaughtSignalsExit = 123;

    /// <summary>The signal that ended the run, when one did: 128 + N from a killed process (not on Windows), or the N of
    /// ffmpeg's own "received signal N".</summary>
    public int? Signal =>
        ExitCode is > 128 and <= 128 + 64 && !OperatingSystem.IsWindows() ? ExitCode - 128
        : ReceivedSignal().Match(StandardErrorTail) is { Success: true } said ? int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture)
        : null;

    /// <summary><see cref="Signal"/> by its name, as a user would look it up: "SIGKILL, signal 9"; for ffmpeg's own exit
    /// after it caught one without saying which (it says so only at <c>-v info</c>), the two it catches from outside.</summary>
    public string? SignalName => Signal switch
    {
        null when ExitCode is CaughtSignalExit or CaughtSignalsExit => "SIGINT or SIGTERM, caught by ffmpeg",
        null => null,
        var number when Names.TryGetValue(number.Value, out var name) => $"{name}, signal {number}",
        var number => $"signal {number}",
    };

    private const int Hangup = 1;
    private const int Interrupt = 2;
    private const int Kill = 9;
    private const int Terminate = 15;

    private static readonly Dictionary<int, string> Names = new()
    {
        [Hangup] = "SIGHUP", [Interrupt] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [Kill] = "SIGKILL", [11] = "SIGSEGV", [Terminate] = "SIGTERM",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"received signal (\d+)")]
    private static partial System.Text.RegularExpressions.Regex ReceivedSignal();
}
