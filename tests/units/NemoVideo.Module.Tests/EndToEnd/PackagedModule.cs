using System.Diagnostics;
using System.Xml.Linq;
using NemoVideo.Module.LocalServer;
using NemoVideo.Module.Tests.Contracts;

namespace NemoVideo.Module.Tests.EndToEnd;

/// <summary>
/// The module assembled by the PackageModule MSBuild target (what build.ps1 -Task Package runs), into a scratch
/// folder so the tests never touch out/. Built once per test class that uses it.
/// </summary>
public sealed class PackagedModule : IAsyncLifetime
{
    private readonly string scratch = Directory.CreateTempSubdirectory("nemo-package-").FullName;

    public static string Version { get; } =
        XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    public string Root => Path.Combine(scratch, "NemoVideo", Version);

    public string Manifest => Path.Combine(Root, "NemoVideo.psd1");

    public string BuildLog { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var (exitCode, output) = await ProcessRunner.RunAsync(
            DotnetHost.Path,
            ["msbuild", Repository.PathOf("src", "NemoVideo.Module", "NemoVideo.Module.csproj"), "-t:PackageModule", $"-p:Configuration={configuration}", $"-p:NemoPackageRoot={Root}/", "-v:m", "-nologo"],
            Repository.Root,
            TimeSpan.FromMinutes(8));
        BuildLog = output;
        Assert.True(exitCode == 0, "PackageModule failed:\n" + output);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(scratch, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output + await error);
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(directory => new[] { Path.Combine(directory, program), Path.Combine(directory, program + ".exe") })
            .FirstOrDefault(File.Exists);
}
