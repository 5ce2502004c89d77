using System;
using System.Diagnostics;
using System.IO;

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

        /// <summary>The exit code once <see cref="HasExited"/>; null while it runs.</summary>
        public int? ExitCode => process.HasExited ? process.ExitCode : (int?)null;

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            Stop(process);
            process.Dispose();
        }

        /// <summary>How long the server gets to stop cleanly (cancel renders, end its ffmpeg, remove its files).</summary>
        private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(20);

        /// <summary>
        /// Closes the server's stdin so it stops cleanly — ending its ffmpeg processes and removing its files — and kills
        /// it only if it has not exited in time (a kill would leave its ffmpeg running).
        /// </summary>
        internal static void Stop(Process process)
        {
            try
            {
                if (process.HasExited)
                {
                    return;
                }

                try
                {
                    process.StandardInput.Close();
                }
                catch (Exception error) when (error is IOException || error is InvalidOperationException)
                {
                    // Not redirected, or already broken: fall through to the kill.
                }

                if (!process.WaitForExit((int)GracefulStop.TotalMilliseconds))
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
