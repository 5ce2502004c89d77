namespace NemoVideo.Module.Tests.Fakes;

/// <summary>A handler test with a scratch folder as the current directory, a fake host and a fake client.</summary>
public abstract class FileSystemTest : IDisposable
{
    protected FileSystemTest()
    {
        Host = new FakeCommandHost(Directory.Path);
    }

    protected TestDirectory Directory { get; } = new();

    protected FakeNemoClient Client { get; } = new();

    protected FakeCommandHost Host { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => Directory.Dispose();
}
