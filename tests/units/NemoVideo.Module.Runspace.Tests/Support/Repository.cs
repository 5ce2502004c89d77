using System.Xml.Linq;

namespace NemoVideo.Module.Runspace.Tests.Support;

/// <summary>The repository this test assembly was built from (the folder holding NemoPS.sln).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Version { get; } =
        XDocument.Load(PathOf("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NemoPS.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NemoPS.sln above {AppContext.BaseDirectory}.");
    }
}
