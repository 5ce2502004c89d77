using System.Diagnostics;
using System.Globalization;

namespace NemoVideo.LocalServer.Tests.Infrastructure;

/// <summary>Stops a real ffmpeg the way an operator's <c>kill</c> does, at a moment that leaves no doubt what stopped it.</summary>
internal static class EncoderSignal
{
    private const int SigTerm = 15;

    /// <summary>
    /// Waits for an ffmpeg whose output file lies under <paramref name="folder"/>, has something in it, and whose SIGTERM
    /// handler is installed (SigCgt in /proc), then sends it SIGTERM once. Earlier, ffmpeg may still be opening its inputs
    /// and then exits 1 with no word of a signal, which nothing can tell from a failure of its own.
    /// </summary>
    /// <returns>The process id signalled.</returns>
    public static async Task<int> TerminateOnceWritingAsync(string folder, CancellationToken cancellationToken)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Finding the server's ffmpeg reads /proc.");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(ProcessId).OfType<int>())
            {
                if (WritingUnder(pid, folder) && CatchesTerm(pid))
                {
                    using var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync(cancellationToken);
                    return pid;
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static int? ProcessId(string? name) => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static bool WritingUnder(int pid, string folder)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
            var output = arguments[^1];
            return Path.GetFileName(arguments[0]) == "ffmpeg" && output.StartsWith(folder, StringComparison.Ordinal)
                && File.Exists(output) && new FileInfo(output).Length > 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CatchesTerm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(text => text.StartsWith("SigCgt:", StringComparison.Ordinal));
            return line is not null
                && (ulong.Parse(line["SigCgt:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SigTerm - 1))) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
