using System;
using System.Threading.Tasks;
using NemoVideo.Client;
using NemoVideo.Module.LocalServer;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Advice the user can actually follow when the connection's kind changes what to do. The hosted service keeps
    /// renders, so "download it again" works; the local server (Connect-Nemo -Local) lives only as long as its
    /// connection, so there a failed save means fix the cause and run again while connected, and a server that is no
    /// longer running is named as such (Nemo.LocalServer.Exited) instead of as an unreachable network.
    /// </summary>
    internal static class ConnectionAdvice
    {
        public static async Task<T> ForConnectionAsync<T>(NemoConnection connection, Func<Task<T>> work)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (NemoException failure) when (failure.ErrorId == NemoErrorIds.DownloadFailed && connection.IsLocal)
            {
                throw new NemoException(
                    failure.ErrorId,
                    failure.Category,
                    failure.Message,
                    "Free space or fix the output folder, then run the command again while connected: the local server keeps " +
                    "its renders only until Disconnect-Nemo stops it.",
                    failure.Target,
                    failure.ApiCode,
                    failure.HttpStatus,
                    failure);
            }
            catch (NemoException failure) when (failure.ErrorId == NemoErrorIds.ApiConnectionFailed && connection.LocalServer is LocalServerProcess { HasExited: true } server)
            {
                const string action = "Run Connect-Nemo -Local again, then the same command: finished files are skipped and the batch journal continues the rest.";
                throw new NemoException(
                    ModuleErrorIds.LocalServerExited,
                    NemoErrorCategory.ResourceUnavailable,
                    $"The local server started by Connect-Nemo -Local is no longer running (process {server.ProcessId}, exit code {server.ExitCode}). {action}",
                    action,
                    failure.Target,
                    innerException: failure);
            }
        }
    }
}
