using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace NemoVideo.Module.LoadContext;

/// <summary>
/// A private load context for the module's dependencies (the client, System.Text.Json, Polly...). Assemblies found in
/// the dependency folder are loaded here even when another module has already put a different version of the same
/// name into the default context. The folder also holds netstandard2.0 polyfills for Windows PowerShell (System.Memory
/// and friends); where the running .NET already provides such an assembly at the version asked for, the runtime's own
/// copy is used, so framework types stay the framework's.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string dependencyDirectory;
    private readonly Func<AssemblyName, bool> frameworkProvides;

    public DependencyLoadContext(string dependencyDirectory)
        : this(dependencyDirectory, FrameworkAssemblies.Provides)
    {
    }

    public DependencyLoadContext(string dependencyDirectory, Func<AssemblyName, bool> frameworkProvides)
        : base("NemoVideo.Dependencies", isCollectible: false)
    {
        this.dependencyDirectory = dependencyDirectory;
        this.frameworkProvides = frameworkProvides;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(dependencyDirectory, assemblyName.Name + ".dll");
        if (!File.Exists(candidate) || frameworkProvides(assemblyName))
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }
}
