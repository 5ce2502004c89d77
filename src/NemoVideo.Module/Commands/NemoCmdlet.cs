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
                Terminate(CmdletCommandHost.ToErrorRecord(terminated.Error));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception failure) when (!(failure is RuntimeException) && !(failure is OperationCanceledException))
            {
                // The engine's own exceptions (stopping, -ErrorAction Stop) pass through untouched; ours get an id and category.
                Terminate(CmdletCommandHost.ToErrorRecord(ErrorMapper.FromException(failure, null)));
            }
        }

        /// <summary>
        /// Ends the command with an error that honours -ErrorAction. ThrowTerminatingError alone is statement-terminating:
        /// `Compress-NemoVideo ... -ErrorAction Stop; "after"` would print the error and run "after". Under Stop the error
        /// is written instead, which the engine turns into a script-terminating error (still caught by try/catch, with
        /// this record as $_); otherwise it stays statement-terminating, as before.
        /// </summary>
        private void Terminate(ErrorRecord error)
        {
            if (ErrorActionIsStop())
            {
                WriteError(error);
            }

            ThrowTerminatingError(error);
        }

        private bool ErrorActionIsStop()
        {
            if (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound))
            {
                return bound is ActionPreference action ? action == ActionPreference.Stop : string.Equals(bound?.ToString(), "Stop", StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }
    }
}
