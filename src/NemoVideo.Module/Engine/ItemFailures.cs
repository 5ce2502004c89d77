using System;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Module.Engine
{
    /// <summary>One failed item (a file, a session) is a non-terminating error; the command goes on with the rest.</summary>
    public static class ItemFailures
    {
        /// <returns>False when the item failed (the error has been written).</returns>
        public static async Task<bool> RunAsync(ICommandHost host, object target, Func<Task> work, CancellationToken cancellationToken)
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
                host.WriteError(ErrorMapper.FromException(failure, target));
                return false;
            }
        }
    }
}
