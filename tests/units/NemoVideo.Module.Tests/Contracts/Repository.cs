namespace NemoVideo.Module.Tests.Contracts;

/// <summary>Files of the repository the contract tests read (the manifest, help, formats, version).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

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

        throw new DirectoryNotFoundException("NemoPS.sln not found above " + AppContext.BaseDirectory);
    }
}
