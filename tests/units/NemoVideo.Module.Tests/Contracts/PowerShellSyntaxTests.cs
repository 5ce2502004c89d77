using NemoVideo.Module.Tests.EndToEnd;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>
/// build.ps1, the manifest and the Pester suite cannot run on a machine without pwsh, so they are at least parsed with a
/// real PowerShell grammar (tools/ps-syntax: tree-sitter-powershell; .ci/run installs it with npm ci).
/// </summary>
public sealed class PowerShellSyntaxTests
{
    private static readonly string Checker = Repository.PathOf("tools", "ps-syntax", "check.mjs");

    [Fact]
    public async Task Every_PowerShell_file_of_the_repository_parses()
    {
        var node = RequireChecker();
        var files = PowerShellFiles().ToList();
        Assert.Contains(Repository.PathOf("build.ps1"), files);
        Assert.Contains(Repository.PathOf("NemoVideo.psd1"), files);
        Assert.Contains(files, file => file.EndsWith(".Tests.ps1", StringComparison.Ordinal));

        var (exitCode, output) = await ProcessRunner.RunAsync(node, [Checker, .. files], Repository.Root, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, "PowerShell syntax errors:\n" + output);
        Assert.Equal(files.Count, output.Split('\n').Count(line => line.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_checker_rejects_a_broken_script()
    {
        var node = RequireChecker();
        var broken = Path.Combine(Path.GetTempPath(), $"nemo-broken-{Guid.NewGuid():N}.ps1");
        await File.WriteAllTextAsync(broken, "function Test-It { param($a) if ($a -eq 1 { 'one' } }", TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(node, [Checker, broken], Repository.Root, TimeSpan.FromMinutes(1));

            Assert.Equal(1, exitCode);
            Assert.Contains("FAIL", output);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static string RequireChecker()
    {
        var node = ProcessRunner.FindOnPath("node");
        Assert.SkipWhen(node == null, "node not found: the PowerShell grammar check needs Node.js");
        Assert.SkipUnless(
            Directory.Exists(Repository.PathOf("tools", "ps-syntax", "node_modules")),
            "tools/ps-syntax is not installed: run `npm ci --ignore-scripts` there (.ci/run does)");
        return node!;
    }

    private static IEnumerable<string> PowerShellFiles()
    {
        string[] skipped = ["bin", "obj", "out", "node_modules", ".git"];
        string[] extensions = [".ps1", ".psd1", ".psm1"];
        return Directory.EnumerateFiles(Repository.Root, "*", new EnumerationOptions { RecurseSubdirectories = true })
            .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !Path.GetRelativePath(Repository.Root, file).Split(Path.DirectorySeparatorChar).Any(skipped.Contains))
            .Order(StringComparer.Ordinal);
    }
}
