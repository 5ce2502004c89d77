using System.Diagnostics;

namespace NemoVideo.Bench;

/// <summary>Finds HandBrakeCLI, installing Debian's handbrake-cli with apt when it is missing.</summary>
internal static class HandBrakeLocator
{
    public static async Task<string?> FindOrInstallAsync()
    {
        if (Find() is { } found)
        {
            return found;
        }

        Console.Error.WriteLine("HandBrakeCLI is missing; trying: apt-get install -y handbrake-cli");
        var asRoot = Environment.UserName == "root";
        foreach (var arguments in new[] { new[] { "apt-get", "update", "-qq" }, ["apt-get", "install", "-y", "-qq", "handbrake-cli"] })
        {
            using var process = Process.Start(asRoot ? arguments[0] : "sudo", asRoot ? arguments[1..] : arguments);
            await process.WaitForExitAsync();
        }

        return Find();
    }

    private static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "HandBrakeCLI"))
        .FirstOrDefault(File.Exists);
}
