using System.Management.Automation;
using NemoVideo.Module.Engine;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Engine;

public class PipelineDispatcherTests
{
    [Fact]
    public void Calls_from_worker_threads_run_on_the_pipeline_thread_in_order()
    {
        var pipelineThread = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var inner = new ThreadRecordingHost(threads);
        using var dispatcher = new PipelineDispatcher(inner);
        using var cancellation = new CancellationTokenSource();

        dispatcher.Run(
            async (host, _) =>
            {
                await Task.Yield();
                for (var i = 0; i < 50; i++)
                {
                    host.WriteObject(i);
                }

                host.WriteVerbose("done");
            },
            cancellation);

        Assert.Equal(Enumerable.Range(0, 50).Cast<object>(), inner.Recorded.Objects);
        Assert.Equal(["done"], inner.Recorded.Verbose);
        Assert.All(threads, thread => Assert.Equal(pipelineThread, thread));
    }

    [Fact]
    public void Questions_from_a_worker_get_the_pipeline_hosts_answer()
    {
        var inner = new FakeCommandHost { ShouldProcessAnswer = false };
        using var dispatcher = new PipelineDispatcher(inner);
        using var cancellation = new CancellationTokenSource();
        bool? answer = null;

        dispatcher.Run(
            async (host, _) =>
            {
                await Task.Yield();
                answer = host.ShouldProcess("file.mp4", "Export");
            },
            cancellation);

        Assert.False(answer);
        Assert.Equal([("file.mp4", "Export")], inner.ShouldProcessCalls);
    }

    [Fact]
    public void A_handler_failure_is_rethrown_on_the_pipeline_thread()
    {
        using var dispatcher = new PipelineDispatcher(new FakeCommandHost());
        using var cancellation = new CancellationTokenSource();

        var thrown = Assert.Throws<InvalidDataException>(() => dispatcher.Run(
            async (_, _) =>
            {
                await Task.Yield();
                throw new InvalidDataException("bad");
            },
            cancellation));

        Assert.Equal("bad", thrown.Message);
    }

    [Fact]
    public void When_the_engine_refuses_a_write_the_work_is_cancelled_and_released_then_the_refusal_is_rethrown()
    {
        // What PowerShell does on Ctrl+C: the next Write* throws PipelineStoppedException on the pipeline thread.
        var inner = new RefusingHost();
        using var dispatcher = new PipelineDispatcher(inner);
        using var cancellation = new CancellationTokenSource();
        var cleanedUp = false;
        var laterQuestionFailed = false;

        Assert.Throws<PipelineStoppedException>(() => dispatcher.Run(
            async (host, token) =>
            {
                await Task.Yield();
                host.WriteObject("first");
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    try
                    {
                        host.ShouldProcess("x", "y");
                    }
                    catch (OperationCanceledException)
                    {
                        laterQuestionFailed = true;
                    }

                    cleanedUp = true;
                }
            },
            cancellation));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.True(cleanedUp);
        Assert.True(laterQuestionFailed);
    }

    private sealed class ThreadRecordingHost(List<int> threads) : ICommandHost
    {
        public FakeCommandHost Recorded { get; } = new();

        public void WriteObject(object value)
        {
            threads.Add(Environment.CurrentManagedThreadId);
            Recorded.WriteObject(value);
        }

        public void WriteError(CommandError error) => Recorded.WriteError(error);

        public void WriteProgress(ProgressInfo progress) => Recorded.WriteProgress(progress);

        public void WriteVerbose(string text)
        {
            threads.Add(Environment.CurrentManagedThreadId);
            Recorded.WriteVerbose(text);
        }

        public void WriteDebug(string text) => Recorded.WriteDebug(text);

        public void WriteWarning(string text) => Recorded.WriteWarning(text);

        public void WriteInformation(string text, params string[] tags) => Recorded.WriteInformation(text, tags);

        public bool ShouldProcess(string target, string action) => Recorded.ShouldProcess(target, action);

        public IReadOnlyList<string> ResolvePath(string path, bool literal) => Recorded.ResolvePath(path, literal);

        public string GetUnresolvedPath(string path) => Recorded.GetUnresolvedPath(path);
    }

    private sealed class RefusingHost : ICommandHost
    {
        public void WriteObject(object value) => throw new PipelineStoppedException();

        public void WriteError(CommandError error) => throw new PipelineStoppedException();

        public void WriteProgress(ProgressInfo progress) => throw new PipelineStoppedException();

        public void WriteVerbose(string text) => throw new PipelineStoppedException();

        public void WriteDebug(string text) => throw new PipelineStoppedException();

        public void WriteWarning(string text) => throw new PipelineStoppedException();

        public void WriteInformation(string text, params string[] tags) => throw new PipelineStoppedException();

        public bool ShouldProcess(string target, string action) => throw new PipelineStoppedException();

        public IReadOnlyList<string> ResolvePath(string path, bool literal) => throw new PipelineStoppedException();

        public string GetUnresolvedPath(string path) => throw new PipelineStoppedException();
    }
}
