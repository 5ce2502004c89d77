using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// Runs a handler on the thread pool and replays its host calls on the pipeline thread, because PowerShell's
    /// Write*/ShouldProcess calls are only legal there. The pipeline thread sits in <see cref="Run"/> draining the queue
    /// until the work is finished, so calls keep their order and questions (ShouldProcess) get answered.
    /// </summary>
    public sealed class PipelineDispatcher : ICommandHost, IDisposable
    {
        private readonly ICommandHost pipelineHost;
        private readonly BlockingCollection<QueuedCall> queue = new BlockingCollection<QueuedCall>();
        private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;
        private Exception? pipelineFailure;

        public PipelineDispatcher(ICommandHost pipelineHost)
        {
            this.pipelineHost = pipelineHost;
        }

        /// <summary>
        /// Starts <paramref name="work"/> on the thread pool and pumps host calls until it ends. If the engine refuses
        /// a call (the pipeline is stopping), the work is cancelled, allowed to clean up, and the refusal rethrown.
        /// </summary>
        public void Run(Func<ICommandHost, CancellationToken, Task> work, CancellationTokenSource cancellation)
        {
            var task = Task.Run(() => work(this, cancellation.Token));
            task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var call in queue.GetConsumingEnumerable())
            {
                if (pipelineFailure != null)
                {
                    call.Refuse(pipelineFailure);
                    continue;
                }

                try
                {
                    call.Run();
                }
                catch (Exception failure)
                {
                    pipelineFailure = failure;
                    cancellation.Cancel();
                }
            }

            if (pipelineFailure != null)
            {
                throw pipelineFailure;
            }

            task.GetAwaiter().GetResult();
        }

        public void WriteObject(object value) => Post(() => pipelineHost.WriteObject(value));

        public void WriteError(CommandError error) => Post(() => pipelineHost.WriteError(error));

        public void WriteProgress(ProgressInfo progress) => Post(() => pipelineHost.WriteProgress(progress));

        public void WriteVerbose(string text) => Post(() => pipelineHost.WriteVerbose(text));

        public void WriteDebug(string text) => Post(() => pipelineHost.WriteDebug(text));

        public void WriteWarning(string text) => Post(() => pipelineHost.WriteWarning(text));

        public void WriteInformation(string text, params string[] tags) => Post(() => pipelineHost.WriteInformation(text, tags));

        public bool ShouldProcess(string target, string action) => Ask(() => pipelineHost.ShouldProcess(target, action));

        public IReadOnlyList<string> ResolvePath(string path, bool literal) => Ask(() => pipelineHost.ResolvePath(path, literal));

        public string GetUnresolvedPath(string path) => Ask(() => pipelineHost.GetUnresolvedPath(path));

        public void Dispose() => queue.Dispose();

        private bool OnPipelineThread => Environment.CurrentManagedThreadId == pipelineThreadId;

        private void Post(Action call)
        {
            if (OnPipelineThread)
            {
                call();
                return;
            }

            // After the work ends nothing more is shown; a late callback from an abandoned operation is dropped.
            try
            {
                queue.TryAdd(new QueuedCall(call, _ => { }));
            }
            catch (InvalidOperationException)
            {
            }
        }

        private T Ask<T>(Func<T> question)
        {
            if (OnPipelineThread)
            {
                return question();
            }

            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Add(new QueuedCall(
                () =>
                {
                    try
                    {
                        answer.SetResult(question());
                    }
                    catch (Exception failure)
                    {
                        answer.SetException(failure);
                        throw;
                    }
                },
                refusal => answer.SetException(new OperationCanceledException(refusal.Message, refusal))));
            return answer.Task.GetAwaiter().GetResult();
        }

        /// <summary>A host call waiting for the pipeline thread; Refuse releases a waiting worker once the pipeline has stopped.</summary>
        private sealed record QueuedCall(Action Run, Action<Exception> Refuse);
    }
}
