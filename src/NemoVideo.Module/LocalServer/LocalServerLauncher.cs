using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Client;

namespace NemoVideo.Module.LocalServer
{
    /// <summary>
    /// Starts the bundled NemoVideo.LocalServer on a free loopback port (the OS picks it: --urls http://127.0.0.1:0) and
    /// learns the address from the server's first stdout line, "NemoVideo.LocalServer listening on &lt;url&gt;".
    /// </summary>
    public sealed class LocalServerLauncher
    {
        public const string ReadyPrefix = "NemoVideo.LocalServer listening on ";
        public const string ServerFolder = "server";
        public const string ServerAssembly = "NemoVideo.LocalServer.dll";

        private readonly string serverAssemblyPath;
        private readonly IReadOnlyList<string> serverOptions;
        private readonly TimeSpan startTimeout;

        /// <param name="serverOptions">More of the server's own options (limits, fault injection), passed as given.</param>
        public LocalServerLauncher(string serverAssemblyPath, IReadOnlyList<string>? serverOptions = null, TimeSpan? startTimeout = null)
        {
            this.serverAssemblyPath = serverAssemblyPath;
            this.serverOptions = serverOptions ?? new string[0];
            this.startTimeout = startTimeout ?? TimeSpan.FromSeconds(60);
        }

        /// <summary>The server shipped in the module's <c>server/</c> folder.</summary>
        public static LocalServerLauncher BesideModule(string moduleDirectory, IReadOnlyList<string>? serverOptions = null) =>
            new LocalServerLauncher(Path.Combine(moduleDirectory, ServerFolder, ServerAssembly), serverOptions);

        /// <exception cref="NemoException">Nemo.LocalServer.NotFound when the server is not where the package puts it;
        /// Nemo.LocalServer.DotnetMissing, AspNetCoreMissing or FfmpegMissing (<see cref="LocalServerPrerequisites"/>) when the
        /// machine lacks what it needs; Nemo.LocalServer.StartFailed when it exited or stayed silent instead of announcing its address.</exception>
        public async Task<LocalServerProcess> StartAsync(string? dataDirectory, CancellationToken cancellationToken)
        {
            if (!File.Exists(serverAssemblyPath))
            {
                throw new NemoException(
                    ModuleErrorIds.LocalServerMissing, NemoErrorCategory.NotInstalled, $"The local server is missing: {serverAssemblyPath}.",
                    "Reinstall the module, or build the package with ./build.ps1 -Task Package.", serverAssemblyPath);
            }

            LocalServerPrerequisites.FromProcessEnvironment().Verify();
            var process = new Process { StartInfo = CreateStartInfo(dataDirectory), EnableRaisingEvents = true };
            var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var errorTail = new Queue<string>();
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data != null && line.Data.StartsWith(ReadyPrefix, StringComparison.Ordinal)
                    && Uri.TryCreate(line.Data.Substring(ReadyPrefix.Length).Trim(), UriKind.Absolute, out var url))
                {
                    ready.TrySetResult(url);
                }
            };
            process.ErrorDataReceived += (_, line) => Remember(errorTail, line.Data);
            process.Exited += (_, _) => ready.TrySetException(StartFailed(
                $"The local server exited before it was ready. {Tail(errorTail)}".Trim()));

            process.Start();
            // Both pipes are read for the server's whole life; a full pipe would otherwise stall it.
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(startTimeout);
                using (timeout.Token.Register(() => ready.TrySetCanceled()))
                {
                    try
                    {
                        return new LocalServerProcess(process, await ready.Task.ConfigureAwait(false));
                    }
                    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw StartFailed($"The local server did not report its address within {startTimeout.TotalSeconds:0} s.");
                    }
                }
            }
            catch
            {
                LocalServerProcess.Stop(process);
                process.Dispose();
                throw;
            }
        }

        private ProcessStartInfo CreateStartInfo(string? dataDirectory)
        {
            var info = new ProcessStartInfo(DotnetHost.Path)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // Its own pipe, never written to: the user's standard input (a script's pipe) is not inherited, and the pipe
                // closes when Disconnect-Nemo closes it or when this process ends in any way (even killed); the server
                // then stops cleanly (--exit-on-stdin-close).
                RedirectStandardInput = true,
                CreateNoWindow = true,
                WorkingDirectory = Path.GetDirectoryName(serverAssemblyPath)!,
            };
            var arguments = new List<string>
            {
                serverAssemblyPath, "--urls", "http://127.0.0.1:0", "--parent-pid", Process.GetCurrentProcess().Id.ToString(),
                "--exit-on-stdin-close",
            };
            if (dataDirectory != null)
            {
                arguments.Add("--data-dir");
                arguments.Add(dataDirectory);
            }

            arguments.AddRange(serverOptions);
            info.Arguments = CommandLine.Join(arguments);
            return info;
        }

        private NemoException StartFailed(string message) => new NemoException(
            ModuleErrorIds.LocalServerStartFailed, NemoErrorCategory.ResourceUnavailable, message,
            "Check that the .NET 10 runtime and ffmpeg are installed; Connect-Nemo -Local -Verbose shows the server's address once it starts.",
            serverAssemblyPath);

        private static string Tail(Queue<string> tail)
        {
            lock (tail)
            {
                return string.Join(" ", tail);
            }
        }

        private static void Remember(Queue<string> tail, string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line!);
                while (tail.Count > 5)
                {
                    tail.Dequeue();
                }
            }
        }
    }
}
