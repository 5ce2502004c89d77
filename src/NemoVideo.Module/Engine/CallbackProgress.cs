using System;

namespace NemoVideo.Module.Engine
{
    /// <summary>
    /// IProgress that reports inline on the reporting thread. Progress&lt;T&gt; would post each report to the thread pool,
    /// so reports could arrive out of order or after the operation (and its completed bar) had finished.
    /// </summary>
    public sealed class CallbackProgress<T> : IProgress<T>
    {
        private readonly Action<T> report;

        public CallbackProgress(Action<T> report)
        {
            this.report = report;
        }

        public void Report(T value) => report(value);
    }
}
