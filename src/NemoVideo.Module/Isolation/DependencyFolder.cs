using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NemoVideo.Module.Isolation
{
    /// <summary>The module's private <c>dependencies/</c> folder: which assembly names it can serve, and from where.</summary>
    public sealed class DependencyFolder
    {
        public const string FolderName = "dependencies";

        public DependencyFolder(string directory)
        {
            Directory = directory;
        }

        public string Directory { get; }

        public static DependencyFolder BesideModule(Assembly moduleAssembly) =>
            new DependencyFolder(Path.Combine(Path.GetDirectoryName(moduleAssembly.Location)!, FolderName));

        public string? FindAssemblyFile(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name))
            {
                return null;
            }

            var candidate = Path.Combine(Directory, name.Name + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        /// <summary>
        /// The assemblies the module itself references that live in the folder (the client and the types its API
        /// exposes). Only these are made visible outside the private load context.
        /// </summary>
        public string[] SharedWith(Assembly moduleAssembly) =>
            moduleAssembly.GetReferencedAssemblies()
                .Where(reference => FindAssemblyFile(reference) != null)
                .Select(reference => reference.Name!)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray();
    }
}
