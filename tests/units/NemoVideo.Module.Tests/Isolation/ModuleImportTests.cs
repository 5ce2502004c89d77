using System.Reflection;
using System.Runtime.Loader;

namespace NemoVideo.Module.Tests.Isolation;

/// <summary>
/// Import-Module lists the module assembly's exported types (looking for cmdlets and the initializer) before the
/// initializer has made dependencies/ reachable. So no public type may need NemoVideo.Client just to be loaded: no
/// client base type or interface, no client value type in a field. This loads the module where the client cannot be
/// found, as PowerShell would see it at that moment.
/// </summary>
public class ModuleImportTests
{
    [Fact]
    public void The_exported_types_load_without_the_client_assembly()
    {
        var context = new ClientlessContext();
        try
        {
            var module = context.LoadFromAssemblyPath(typeof(ModuleLifecycle).Assembly.Location);

            var unloadable = PublicTypeNames(module.Location).Where(name => !Loads(module, name)).ToList();
            Assert.Empty(unloadable);
            var exported = module.GetExportedTypes();

            Assert.Contains(exported, type => type.FullName == typeof(ModuleLifecycle).FullName);
            Assert.Contains(exported, type => type.FullName == "NemoVideo.Module.Commands.CompressNemoVideoCommand");
            Assert.Throws<FileNotFoundException>(() => context.LoadFromAssemblyName(new AssemblyName("NemoVideo.Client")));
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool Loads(Assembly module, string typeName)
    {
        try
        {
            return module.GetType(typeName, throwOnError: true) != null;
        }
        catch (Exception failure) when (failure is FileNotFoundException or TypeLoadException)
        {
            return false;
        }
    }

    /// <summary>Top-level public type names, read from the metadata without loading any type.</summary>
    private static IEnumerable<string> PublicTypeNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(type => (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            .ToList();
    }

    /// <summary>Everything from the default context except the client, which is "not there" yet.</summary>
    private sealed class ClientlessContext() : AssemblyLoadContext("Clientless", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "NemoVideo.Client"
                ? throw new FileNotFoundException("NemoVideo.Client is in dependencies/, which is not reachable before OnImport.")
                : null;
    }
}
