namespace NemoVideo.LocalServer.State;

/// <summary>
/// The durable part of a data folder: <c>state/</c> (owner-only) with the database, <c>media/</c> and <c>renders/</c>.
/// One server at a time: it holds an exclusive lock on <c>state/server.lock</c> while it runs (released by the
/// system however the process ends), since two servers sharing it would each answer from their own memory.
/// </summary>
public sealed class StateFolder : IDisposable
{
    public const string Name = "state";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly FileStream _lock;

    private StateFolder(string path, FileStream held, SqliteStateStore store)
    {
        Path = path;
        _lock = held;
        Store = store;
    }

    public string Path { get; }

    public SqliteStateStore Store { get; }

    /// <summary>Opens (making it if missing) the state folder of a data folder that <see cref="Hosting.DataFolder"/> has checked.</summary>
    /// <exception cref="StateStoreException">Another server uses the folder, or its database cannot be used.</exception>
    public static StateFolder Open(string dataDirectory)
    {
        var path = System.IO.Path.Combine(dataDirectory, Name);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
            File.SetUnixFileMode(path, OwnerOnly);
        }

        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows.
            var lockOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                lockOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            held = new FileStream(System.IO.Path.Combine(path, "server.lock"), lockOptions);
        }
        catch (IOException)
        {
            throw new StateStoreException(
                $"Another NemoVideo server is using the data folder '{dataDirectory}'. Stop it, or start this one with another "
                + "--data-dir (or --in-memory).");
        }

        try
        {
            return new StateFolder(path, held, new SqliteStateStore(path));
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes upload and render folders the database does not name: an upload or a publish that a kill cut off
    /// before its row was written. Nothing refers to them, and nothing will.
    /// </summary>
    public void RemoveUnreferenced(StoredState state)
    {
        var media = state.Sessions.SelectMany(pair => pair.Media).Select(item => System.IO.Path.GetDirectoryName(item.FilePath)!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var session in Folders(System.IO.Path.Combine(Path, "media")))
        {
            foreach (var item in Folders(session).Where(item => !media.Contains(item)))
            {
                Rendering.RenderQueue.DeleteFolder(item);
            }

            if (!Directory.EnumerateFileSystemEntries(session).Any())
            {
                Rendering.RenderQueue.DeleteFolder(session);
            }
        }

        var outputs = state.RenderJobs.Where(stored => stored.Job.OutputPath is not null)
            .Select(stored => System.IO.Path.GetDirectoryName(stored.Job.OutputPath)!).ToHashSet(StringComparer.Ordinal);
        foreach (var render in Folders(System.IO.Path.Combine(Path, "renders")).Where(render => !outputs.Contains(render)))
        {
            Rendering.RenderQueue.DeleteFolder(render);
        }
    }

    private static IEnumerable<string> Folders(string path) =>
        Directory.Exists(path) ? Directory.GetDirectories(path) : [];

    public void Dispose()
    {
        Store.Dispose();
        _lock.Dispose();
    }
}
