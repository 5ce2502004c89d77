using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.Loader;

namespace NemoVideo.Module.LoadContext;

/// <summary>
/// What the netstandard2.0 module calls by reflection on PowerShell 7 (it cannot name AssemblyLoadContext itself).
/// Only BCL types cross this boundary. The default context is taught to find just the few assemblies the module
/// references directly (the client); their own dependencies then load inside the private context.
/// </summary>
public static class ModuleLoadContextBridge
{
    private static readonly object Gate = new();
    private static Func<AssemblyLoadContext, AssemblyName, Assembly?>? resolver;

    public static AssemblyLoadContext? Current { get; private set; }

    public static void Initialize(string dependencyDirectory, string[] sharedAssemblyNames)
    {
        lock (Gate)
        {
            if (resolver != null)
            {
                return;
            }

            // One context for the life of the process: the default context caches what the resolver returned, so a
            // re-import after Remove-Module must hand out the very same assemblies.
            var context = Current ??= new DependencyLoadContext(dependencyDirectory);
            var shared = new HashSet<string>(sharedAssemblyNames, StringComparer.OrdinalIgnoreCase);
            resolver = (_, name) => name.Name != null && shared.Contains(name.Name)
                ? context.LoadFromAssemblyName(name)
                : null;
            AssemblyLoadContext.Default.Resolving += resolver;
            Current = context;
        }
    }

    /// <summary>Unhooks the resolver when the module is removed, so nothing of ours answers for other modules.</summary>
    public static void Cleanup()
    {
        lock (Gate)
        {
            if (resolver != null)
            {
                AssemblyLoadContext.Default.Resolving -= resolver;
            }

            resolver = null;
        }
    }
}
