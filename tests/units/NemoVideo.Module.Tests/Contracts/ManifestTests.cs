using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NemoVideo.Module.Tests.Contracts;

/// <summary>NemoVideo.psd1 read as text (there is no PowerShell here to import it).</summary>
public partial class ManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Repository.PathOf("NemoVideo.psd1"));

    [Fact]
    public void It_exports_exactly_the_cmdlet_classes_and_no_wildcards()
    {
        var exported = StringList("CmdletsToExport");

        Assert.Equal(CmdletMetadata.All.Select(cmdlet => cmdlet.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.DoesNotContain('*', Manifest);
        Assert.Empty(StringList("FunctionsToExport"));
        Assert.Empty(StringList("AliasesToExport"));
        Assert.Empty(StringList("VariablesToExport"));
    }

    [Fact]
    public void Its_version_is_the_one_in_Directory_Build_props()
    {
        var versionPrefix = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

        Assert.Equal(versionPrefix, Value("ModuleVersion"));
        Assert.Equal(versionPrefix, typeof(NemoConnection).Assembly.GetName().Version!.ToString(3));
    }

    [Fact]
    public void It_loads_the_compiled_module_on_both_editions_without_preloading_dependencies()
    {
        Assert.Equal("NemoVideo.Module.dll", Value("RootModule"));
        Assert.Equal("5.1", Value("PowerShellVersion"));
        Assert.Equal(["Desktop", "Core"], StringList("CompatiblePSEditions"));
        // RequiredAssemblies would load the client into the shared context, defeating the isolation.
        Assert.Empty(StringList("RequiredAssemblies"));
        Assert.Empty(StringList("NestedModules"));
        Assert.Equal(["NemoVideo.Format.ps1xml"], StringList("FormatsToProcess"));
        Assert.True(Guid.TryParse(Value("GUID"), out _));
    }

    private static string Value(string key)
    {
        var match = Regex.Match(Manifest, $@"^\s*{key}\s*=\s*'(?<value>[^']*)'", RegexOptions.Multiline);
        Assert.True(match.Success, $"{key} is not set in NemoVideo.psd1");
        return match.Groups["value"].Value;
    }

    /// <summary>A key's @( ... ) list: single-quoted strings, one a line or comma-separated.</summary>
    private static List<string> StringList(string key)
    {
        var match = Regex.Match(Manifest, $@"^\s*{key}\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{key} is not a @() list in NemoVideo.psd1");
        return QuotedPattern().Matches(match.Groups["items"].Value).Select(item => item.Groups["value"].Value).ToList();
    }

    [GeneratedRegex("'(?<value>[^']*)'")]
    private static partial Regex QuotedPattern();
}
