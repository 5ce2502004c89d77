using NemoVideo.LocalServer.Cluster;
using NemoVideo.LocalServer.State;

namespace NemoVideo.LocalServer.Tests.Cluster;

/// <summary>
/// A node refuses to start on a shared folder that is missing (and does not create it), not writable, or not the
/// cluster's (no marker, or another cluster's marker); the first node of a new cluster marks the folder. Real PostgreSQL.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class SharedFolderTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly ClusterDatabase _db = new(fixture);
    private readonly string _other = Path.Combine(Path.GetTempPath(), "nemo-other-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _db.Dispose();
        if (Directory.Exists(_other))
        {
            File.SetUnixFileMode(_other, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(_other, recursive: true);
        }
    }

    private ClusterOptions Node(string folder, ClusterRole role = ClusterRole.Worker) => new()
    {
        ConnectionString = _db.Cluster.ConnectionString, SharedDirectory = folder, Role = role, WorkerName = "node-test",
    };

    private static void Start(ClusterOptions node)
    {
        var (database, _) = ClusterHost.Open(node);
        database.Dispose();
    }

    [Fact]
    public void AMissingSharedFolderIsRefusedAndNotCreated()
    {
        _db.SkipWithoutPostgres();
        var missing = Path.Combine(_other, "x");

        var error = Assert.Throws<StateStoreException>(() => Start(Node(missing)));

        Assert.Contains($"The shared folder {missing} (--shared-dir) does not exist", error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void TheFirstNodeMarksTheFolderAndEveryNodeMustFindThatMark()
    {
        _db.SkipWithoutPostgres();
        Start(Node(_db.Shared, ClusterRole.Api));
        var id = (string)_db.Scalar("SELECT id FROM nemo.cluster")!;
        Assert.Equal(id, File.ReadAllText(Path.Combine(_db.Shared, SharedFolder.MarkerFileName)).Trim());
        Start(Node(_db.Shared));

        // A worker on an empty folder (the share not mounted): refused, naming the folder.
        Directory.CreateDirectory(_other);
        var empty = Assert.Throws<StateStoreException>(() => Start(Node(_other)));
        Assert.Contains($"The shared folder {_other} (--shared-dir) is not this cluster's shared folder", empty.Message);

        // Another cluster's folder: refused too.
        File.WriteAllText(Path.Combine(_other, SharedFolder.MarkerFileName), "another-cluster");
        var foreign = Assert.Throws<StateStoreException>(() => Start(Node(_other, ClusterRole.Api)));
        Assert.Contains("belongs to cluster another-cluster", foreign.Message);
        Assert.Equal(1L, _db.Scalar("SELECT count(*) FROM nemo.cluster"));
    }

    [Fact]
    public void AReadOnlySharedFolderIsRefused()
    {
        _db.SkipWithoutPostgres();
        Assert.SkipWhen(Environment.UserName == "root", "root writes to a read-only folder; run as another user to test this.");
        Directory.CreateDirectory(_other);
        File.SetUnixFileMode(_other, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var error = Assert.Throws<StateStoreException>(() => Start(Node(_other)));

        Assert.Contains($"The shared folder {_other} (--shared-dir) is not writable", error.Message);
    }

    [Fact]
    public void ADatabaseThatIsDownIsNamedWithWhatToDoAndNoPassword()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Directory.CreateDirectory(_other);
        var node = new ClusterOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=nemo;Password=hunter2;Database=nemo;Timeout=3",
            SharedDirectory = _other,
        };

        var error = Assert.Throws<StateStoreException>(() => Start(node));

        Assert.Contains($"Is PostgreSQL running and reachable at 127.0.0.1:{port}?", error.Message);
        Assert.Contains("Restart=on-failure", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
    }
}
