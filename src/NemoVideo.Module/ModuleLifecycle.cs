using System.Management.Automation;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Isolation;

namespace NemoVideo.Module
{
    /// <summary>
    /// Import: makes the isolated dependencies reachable before any cmdlet touches the client.
    /// Remove-Module: closes every connection (stopping local servers) and unhooks the resolver.
    /// </summary>
    public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyIsolation.Install(typeof(ModuleLifecycle).Assembly);

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            RunspaceConnectionScope.CloseAll();
            DependencyIsolation.Uninstall(typeof(ModuleLifecycle).Assembly);
        }
    }
}
