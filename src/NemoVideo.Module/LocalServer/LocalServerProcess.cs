using System;
using System.Diagnostics;

namespace NemoVideo.Module.LocalServer
{
    /// <summary>
    /// A running local server this module started. Stopped by Dispose (Disconnect-Nemo, module removal) and at process
    /// exit; the server also watches --parent-pid, so even a killed PowerShell does not leave it behind.
    /// </summary>
    public sealed class LocalServerProcess : ILocalServer
    {
        private readonly Process process;

        internal LocalServerProcess(Process process, Uri endpoint)
        {
            this.process = process;
            Endpoint = endpoint;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        public Uri Endpoint { get; }

        public int ProcessId => process.Id;

        public bool HasExited => process.HasExited;

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            Stop(process);
            process.Dispose();
        }

        internal static void Stop(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill: nothing left to stop.
            }
        }

        private void OnProcessExit(object? sender, EventArgs e) => Stop(process);
    }
}
