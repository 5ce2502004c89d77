using NemoVideo.Compression;

namespace NemoVideo.Bench;

internal static class Tool
{
    /// <summary>Runs a tool to completion and returns the tail of its standard error; a failure stops the benchmark.</summary>
    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var outcome = await ToolProcess.RunAsync(executable, arguments, onOutputLine: _ => { }, CancellationToken.None);
        return outcome.Succeeded
            ? outcome.StandardErrorTail
            : throw new InvalidOperationException($"{Path.GetFileName(executable)} failed ({outcome.ExitCode}): {outcome.StandardErrorTail}");
    }
}
