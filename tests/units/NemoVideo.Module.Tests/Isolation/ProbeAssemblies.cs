using System.Reflection;
using System.Reflection.Emit;

namespace NemoVideo.Module.Tests.Isolation;

/// <summary>Writes tiny real assemblies (name + version + one type) to disk, to load them the way PowerShell would.</summary>
public static class ProbeAssemblies
{
    public static string Write(string directory, string name, Version version)
    {
        Directory.CreateDirectory(directory);
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name) { Version = version }, typeof(object).Assembly);
        var module = builder.DefineDynamicModule(name);
        module.DefineType($"{name}.Probe", TypeAttributes.Public | TypeAttributes.Class).CreateType();
        var path = Path.Combine(directory, name + ".dll");
        builder.Save(path);
        return path;
    }
}
