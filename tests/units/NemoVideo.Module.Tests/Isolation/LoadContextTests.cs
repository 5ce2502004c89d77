using System.Reflection;
using System.Runtime.Loader;
using NemoVideo.Module.Isolation;
using NemoVideo.Module.LoadContext;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Isolation;

// The bridge hooks the process-wide default context, so these tests must not run alongside each other.
[Collection(nameof(LoadContextTests))]
public sealed class LoadContextTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose()
    {
        ModuleLoadContextBridge.Cleanup();
        directory.Dispose();
    }

    [Fact]
    public void Two_versions_of_one_dependency_resolve_apart()
    {
        var name = UniqueName("Clash");
        var otherModules = ProbeAssemblies.Write(directory.Combine("other"), name, new Version(1, 0, 0, 0));
        var ours = ProbeAssemblies.Write(directory.Combine("dependencies"), name, new Version(2, 0, 0, 0));

        // Another module (Az, Graph...) got there first with version 1.
        var theirs = AssemblyLoadContext.Default.LoadFromAssemblyPath(otherModules);
        var context = new DependencyLoadContext(directory.Combine("dependencies"));
        var mine = context.LoadFromAssemblyName(new AssemblyName(name));

        Assert.Equal(new Version(1, 0, 0, 0), theirs.GetName().Version);
        Assert.Equal(new Version(2, 0, 0, 0), mine.GetName().Version);
        Assert.Equal(ours, mine.Location);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(mine));
        Assert.NotSame(theirs.GetType($"{name}.Probe"), mine.GetType($"{name}.Probe"));
    }

    [Fact]
    public void What_the_running_dotnet_already_provides_comes_from_the_runtime_not_the_folder()
    {
        // A netstandard2.0 polyfill shipped for Windows PowerShell must not shadow the host's own copy (the host's list
        // is its trusted platform assemblies: the runtime's plus, under pwsh, pwsh's own).
        var polyfill = ProbeAssemblies.Write(directory.Combine("dependencies"), "System.Memory", new Version(4, 0, 1, 2));
        var context = new DependencyLoadContext(directory.Combine("dependencies"));

        var memory = context.LoadFromAssemblyName(new AssemblyName("System.Memory") { Version = new Version(4, 0, 1, 2) });

        Assert.NotEqual(polyfill, memory.Location);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(memory));
        Assert.True(FrameworkAssemblies.Provides(new AssemblyName("System.Memory") { Version = new Version(4, 0, 1, 2) }));
        Assert.False(FrameworkAssemblies.Provides(new AssemblyName("System.Memory") { Version = new Version(99, 0) }));
        Assert.False(FrameworkAssemblies.Provides(new AssemblyName(UniqueName("NotShipped"))));
    }

    [Fact]
    public void The_default_context_finds_only_the_shared_names_and_stops_after_cleanup()
    {
        var shared = UniqueName("Shared");
        var later = UniqueName("SharedLater");
        var privateOnly = UniqueName("Private");
        var dependencies = directory.Combine("dependencies");
        ProbeAssemblies.Write(dependencies, shared, new Version(3, 0));
        ProbeAssemblies.Write(dependencies, later, new Version(3, 0));
        ProbeAssemblies.Write(dependencies, privateOnly, new Version(3, 0));

        ModuleLoadContextBridge.Initialize(dependencies, [shared, later]);
        var resolved = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(shared));

        Assert.Same(ModuleLoadContextBridge.Current, AssemblyLoadContext.GetLoadContext(resolved));
        Assert.Throws<FileNotFoundException>(() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(privateOnly)));

        ModuleLoadContextBridge.Cleanup();
        Assert.Throws<FileNotFoundException>(() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(later)));
    }

    [Fact]
    public void The_module_shares_exactly_its_own_references_that_are_in_the_folder()
    {
        var dependencies = Directory.CreateDirectory(directory.Combine("dependencies")).FullName;
        File.Copy(typeof(NemoVideo.Client.INemoClient).Assembly.Location, Path.Combine(dependencies, "NemoVideo.Client.dll"));
        ProbeAssemblies.Write(dependencies, "Polly.Core", new Version(8, 0));
        var folder = new DependencyFolder(dependencies);

        var shared = folder.SharedWith(typeof(ModuleLifecycle).Assembly);

        // Polly is the client's dependency, not the module's: it stays private.
        Assert.Equal(["NemoVideo.Client"], shared);
        Assert.Null(folder.FindAssemblyFile(new AssemblyName("Missing.Assembly")));
        Assert.Equal(Path.Combine(dependencies, "Polly.Core.dll"), folder.FindAssemblyFile(new AssemblyName("Polly.Core, Version=8.0.0.0")));
    }

    private static string UniqueName(string stem) => $"Nemo.Probe.{stem}{Guid.NewGuid():N}";
}
