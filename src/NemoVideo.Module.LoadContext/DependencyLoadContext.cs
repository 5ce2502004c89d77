using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace NemoVideo.Module.LoadContext;

/// <summary>
/// A private load context for the module's dependencies (the client, System.Text.Json, Polly...). Assemblies found in
/// the dependency folder are loaded here even when another module has already put a different version of the same
/// name into the default context; anything else (the BCL, PowerShell itself) falls back to the default context.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string dependencyDirectory;

    public DependencyLoadContext(string dependencyDirectory)
        : base("NemoVideo.Dependencies", isCollectible: false)
    {
        this.dependencyDirectory = dependencyDirectory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
