using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Isolation;

namespace NemoVideo.Module
{
    /// <summary>
    /// Import: makes the isolated dependencies reachable before any cmdlet touches the client.
    /// Remove-Module: closes the connection of the runspace that removes the module (stopping its local server). The
    /// assembly is shared by every runspace of the process (ForEach-Object -Parallel, thread jobs, hosted runspaces), so
    /// only the last removal closes whatever is left and unhooks the resolver; one runspace never cuts off another.
    /// </summary>
    public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static int imports;

        public void OnImport()
        {
            lock (Gate)
            {
                imports++;
                DependencyIsolation.Install(typeof(ModuleLifecycle).Assembly);
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                imports = Math.Max(0, imports - 1);
                if (imports > 0)
                {
                    RunspaceConnectionScope.Close(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty);
                    return;
                }

                RunspaceConnectionScope.CloseAll();
                DependencyIsolation.Uninstall(typeof(ModuleLifecycle).Assembly);
            }
        }
    }
}
