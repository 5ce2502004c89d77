using System;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Module.Engine
{
    /// <summary>One failed item (a file, a session) is a non-terminating error; the command goes on with the rest.</summary>
    public static class ItemFailures
    {
        /// <returns>False when the item failed (the error has been written).</returns>
        /// <param name="itemIsTarget">
        /// True where the item is the user's file (Compress-NemoVideo, Send-NemoVideo): the error's TargetObject is then the
        /// file even when the failing call was about its session or render, which the message still names.
        /// </param>
        public static async Task<bool> RunAsync(ICommandHost host, object target, Func<Task> work, CancellationToken cancellationToken, bool itemIsTarget = false)
        {
            try
            {
                await work().ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (CommandTerminatedException)
            {
                throw;
            }
            catch (Exception failure)
            {
                host.WriteError(ErrorMapper.FromException(failure, target, itemIsTarget));
                return false;
            }
        }
    }
}
