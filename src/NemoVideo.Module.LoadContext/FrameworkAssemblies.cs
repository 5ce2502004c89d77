using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace NemoVideo.Module.LoadContext;

/// <summary>The assemblies the running .NET ships (its trusted platform assemblies), by name and version.</summary>
public static class FrameworkAssemblies
{
    private static readonly Lazy<IReadOnlyDictionary<string, Version>> Versions = new(ReadTrustedPlatformAssemblies);

    /// <summary>True when the runtime has an assembly of this name at (at least) the version asked for.</summary>
    public static bool Provides(AssemblyName name) =>
        name.Name != null
        && Versions.Value.TryGetValue(name.Name, out var available)
        && available >= (name.Version ?? new Version(0, 0));

    private static IReadOnlyDictionary<string, Version> ReadTrustedPlatformAssemblies()
    {
        var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var name = AssemblyName.GetAssemblyName(path);
                if (name.Name != null && name.Version != null)
                {
                    versions[name.Name] = name.Version;
                }
            }
            catch (BadImageFormatException)
            {
                // Native images are listed too; they are not managed assemblies and cannot clash.
            }
        }

        return versions;
    }
}
