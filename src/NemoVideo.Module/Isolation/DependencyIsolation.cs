using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NemoVideo.Module.Isolation
{
    /// <summary>
    /// Makes <c>dependencies/</c> the only source of the module's dependencies, so versions that Az, Microsoft.Graph
    /// or any other module load cannot clash with ours. PowerShell 7 gets a private AssemblyLoadContext (in the net8.0
    /// NemoVideo.Module.LoadContext assembly, reached by reflection); Windows PowerShell 5.1 has no load contexts, so
    /// an AssemblyResolve handler serves the folder there.
    /// </summary>
    internal static class DependencyIsolation
    {
        private const string BridgeAssembly = "NemoVideo.Module.LoadContext.dll";
        private const string BridgeType = "NemoVideo.Module.LoadContext.ModuleLoadContextBridge";

        private static readonly object Gate = new object();
        private static ResolveEventHandler? frameworkResolver;

        public static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static void Install(Assembly moduleAssembly)
        {
            var folder = DependencyFolder.BesideModule(moduleAssembly);
            lock (Gate)
            {
                if (IsNetFramework)
                {
                    frameworkResolver ??= (_, args) =>
                    {
                        var file = folder.FindAssemblyFile(new AssemblyName(args.Name));
                        return file == null ? null : Assembly.LoadFrom(file);
                    };
                    AppDomain.CurrentDomain.AssemblyResolve -= frameworkResolver;
                    AppDomain.CurrentDomain.AssemblyResolve += frameworkResolver;
                    return;
                }

                InvokeBridge(moduleAssembly, "Initialize", folder.Directory, folder.SharedWith(moduleAssembly));
            }
        }

        public static void Uninstall(Assembly moduleAssembly)
        {
            lock (Gate)
            {
                if (IsNetFramework)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= frameworkResolver;
                    return;
                }

                InvokeBridge(moduleAssembly, "Cleanup");
            }
        }

        private static void InvokeBridge(Assembly moduleAssembly, string method, params object[] arguments)
        {
            var bridgePath = Path.Combine(Path.GetDirectoryName(moduleAssembly.Location)!, BridgeAssembly);
            var bridge = Assembly.LoadFrom(bridgePath).GetType(BridgeType, throwOnError: true)!;
            bridge.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        }
    }
}
