using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NemoVideo.Module.LocalServer
{
    /// <summary>The dotnet executable that runs the framework-dependent server (pwsh itself is not a dotnet host).</summary>
    public static class DotnetHost
    {
        public static string Path => Find(Environment.GetEnvironmentVariable);

        public static string Find(Func<string, string?> environment)
        {
            var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";

            // Set by the dotnet CLI for the processes it starts (tests, builds): exactly the host that is running us.
            var hostPath = environment("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
            {
                return hostPath!;
            }

            var root = environment("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root) && File.Exists(System.IO.Path.Combine(root!, executable)))
            {
                return System.IO.Path.Combine(root!, executable);
            }

            // Otherwise the one on PATH, which Process.Start looks up itself.
            return executable;
        }
    }
}
