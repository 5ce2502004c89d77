using System;
using System.Threading.Tasks;
using NemoVideo.Client;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Advice for a render that finished but could not be saved, that the user can actually follow. The hosted service
    /// keeps renders, so "download it again" works; the local server (Connect-Nemo -Local) lives only as long as its
    /// connection, and Disconnect-Nemo stops it and its renders with it, so there the advice is to fix the cause and
    /// run the command again.
    /// </summary>
    internal static class DownloadAdvice
    {
        public static async Task<T> ForConnectionAsync<T>(NemoConnection connection, Func<Task<T>> download)
        {
            try
            {
                return await download().ConfigureAwait(false);
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
        }
    }
}
