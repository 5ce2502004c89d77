using NemoVideo.Module.Connections;

namespace NemoVideo.Module.Tests.Fakes;

public sealed class FakeConnectionScope : IConnectionScope
{
    public NemoConnection? Current { get; set; }
}

public sealed class FakeLocalServer : ILocalServer
{
    public Uri Endpoint { get; } = new("http://127.0.0.1:6001/");

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

public static class TestConnections
{
    public static NemoConnection Open(FakeNemoClient client, ILocalServer? server = null) =>
        new(client, client.CreateSessionAsync("en", CancellationToken.None).Result, null, server, anonymous: true);

    public static ConnectionResolver Resolver(FakeNemoClient client) => new(new FakeConnectionScope { Current = Open(client) }, null);
}
