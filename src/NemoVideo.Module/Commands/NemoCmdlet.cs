using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using NemoVideo.Module.Connections;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// What every NemoVideo cmdlet shares: one cancellation source per command (cancelled by Ctrl+C through
    /// StopProcessing) and running a handler off the pipeline thread while its output is written on it.
    /// </summary>
    public abstract class NemoCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();

        internal IConnectionScope ConnectionScope =>
            new RunspaceConnectionScope(Runspace.DefaultRunspace);

        public void Dispose() => cancellation.Dispose();

        protected override void StopProcessing() => cancellation.Cancel();

        /// <param name="prepare">Builds the handler on the pipeline thread (the runspace default connection is only visible
        /// there); its errors are reported like the handler's own.</param>
        protected void Execute(Func<Func<ICommandHost, CancellationToken, Task>> prepare)
        {
            using var dispatcher = new PipelineDispatcher(new CmdletCommandHost(this));
            try
            {
                var work = prepare();
                dispatcher.Run(
                    (host, cancellationToken) =>
                    {
                        CommandLog.Use(host);
                        return work(host, cancellationToken);
                    },
                    cancellation);
            }
            catch (CommandTerminatedException terminated)
            {
                ThrowTerminatingError(CmdletCommandHost.ToErrorRecord(terminated.Error));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception failure) when (!(failure is RuntimeException) && !(failure is OperationCanceledException))
            {
                // The engine's own exceptions (stopping, -ErrorAction Stop) pass through untouched; ours get an id and category.
                ThrowTerminatingError(CmdletCommandHost.ToErrorRecord(ErrorMapper.FromException(failure, null)));
            }
        }
    }
}
