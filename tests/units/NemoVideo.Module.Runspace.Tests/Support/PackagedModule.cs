using System.Diagnostics;

namespace NemoVideo.Module.Runspace.Tests.Support;

/// <summary>
/// The module as users get it: laid out by the PackageModule MSBuild target (what build.ps1 -Task Package runs) into a
/// scratch folder, once per test run. NEMO_MODULE_MANIFEST names a package built already (CI packages once for xunit
/// and Pester) and skips the build.
/// </summary>
public static class PackagedModule
{
    private static readonly Lazy<string> ManifestPath = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Manifest => ManifestPath.Value;

    public static string Root => Path.GetDirectoryName(Manifest)!;

    private static string Build()
    {
        var given = Environment.GetEnvironmentVariable("NEMO_MODULE_MANIFEST");
        if (!string.IsNullOrEmpty(given))
        {
            Assert.True(File.Exists(given), $"NEMO_MODULE_MANIFEST names {given}, which does not exist.");
            return given;
        }

        // Own staging and output folders, so another test project packaging at the same time cannot clash with this one.
        var scratch = Directory.CreateTempSubdirectory("nemo-runspace-package-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(scratch);
        var root = Path.Combine(scratch, "NemoVideo", Repository.Version) + "/";
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in new[]
        {
            "msbuild", Repository.PathOf("src", "NemoVideo.Module", "NemoVideo.Module.csproj"), "-t:PackageModule",
            $"-p:Configuration={configuration}", $"-p:NemoPackageRoot={root}", $"-p:NemoPackageStaging={scratch}/staging/", "-v:m", "-nologo",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("PackageModule did not finish within 10 minutes.");
        }

        Assert.True(process.ExitCode == 0, "PackageModule failed:\n" + output.Result + error.Result);
        return Path.Combine(root, "NemoVideo.psd1");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
