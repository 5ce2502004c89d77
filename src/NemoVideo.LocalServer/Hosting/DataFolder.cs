using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NemoVideo.LocalServer.Hosting;

/// <summary>The data folder is refused: another user owns it or can write to it, or to a folder above it.</summary>
public sealed class UnsafeDataFolderException(string message) : Exception(message);

/// <summary>
/// Where a server keeps uploads and renders: a per-user private folder, checked before use, with one owner-only
/// <c>run-&lt;pid&gt;-&lt;random&gt;</c> subfolder per server run so the run's files can be removed when it stops.
/// </summary>
public static class DataFolder
{
    private const string RunPrefix = "run-";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The platform's per-user state folder: <c>$XDG_STATE_HOME/nemovideo</c> or <c>~/.local/state/nemovideo</c> on
    /// Linux, <c>~/Library/Application Support/nemovideo</c> on macOS, <c>%LOCALAPPDATA%\nemovideo</c> on Windows.
    /// </summary>
    public static string Default() => Default(Environment.GetEnvironmentVariable);

    public static string Default(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "nemovideo");
        }

        var home = environment("HOME") is { Length: > 0 } homeVariable
            ? homeVariable
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "nemovideo");
        }

        var state = environment("XDG_STATE_HOME");
        return Path.IsPathFullyQualified(state ?? string.Empty)
            ? Path.Combine(state!, "nemovideo")
            : Path.Combine(home, ".local", "state", "nemovideo");
    }

    /// <summary>
    /// Creates the folder (owner-only) if missing, refuses it when it is unsafe, removes run folders left by servers
    /// that are no longer running, and makes this run's owner-only folder.
    /// </summary>
    /// <returns>The run folder.</returns>
    /// <exception cref="UnsafeDataFolderException">Another user owns the folder, or its group or others can write to it.</exception>
    public static string PrepareRun(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            // %LOCALAPPDATA% is private to the user by its ACL; a custom folder keeps the ACL its parent gives it.
            Directory.CreateDirectory(dataDirectory);
        }
        else
        {
            // Checked before creating anything, and again afterwards when every folder on the way exists and any
            // symbolic link on the path can be resolved.
            CheckAncestors(dataDirectory, dataDirectory);
            if (!Directory.Exists(dataDirectory))
            {
                Directory.CreateDirectory(dataDirectory, OwnerOnly);
            }

            CheckPrivate(dataDirectory);
            CheckAncestors(dataDirectory, dataDirectory);
            if (FileOwner.RealPath(dataDirectory) is { } real && real != Path.GetFullPath(dataDirectory))
            {
                CheckAncestors(real, dataDirectory);
            }
        }

        RemoveAbandonedRuns(dataDirectory);
        var run = Path.Combine(dataDirectory, $"{RunPrefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(run);
        }
        else
        {
            Directory.CreateDirectory(run, OwnerOnly);
        }

        return run;
    }

    /// <summary>Removes a run folder and everything in it; a file still held open is left for the next start to remove.</summary>
    public static void RemoveRun(string runDirectory)
    {
        try
        {
            Directory.Delete(runDirectory, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left behind; RemoveAbandonedRuns clears it once this process is gone.
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CheckPrivate(string directory)
    {
        var status = FileOwner.Of(directory);
        if (status.OwnerId != FileOwner.CurrentUserId)
        {
            throw new UnsafeDataFolderException(
                $"The data folder '{directory}' belongs to another user (uid {status.OwnerId}); it could read or replace this server's files. "
                + "Use a folder of your own with --data-dir, or remove that one.");
        }

        var mode = File.GetUnixFileMode(directory);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnsafeDataFolderException(
                $"The data folder '{directory}' can be written by other users (mode {Convert.ToString((int)mode, 8)}). "
                + $"Run: chmod 700 '{directory}' (or choose another folder with --data-dir).");
        }
    }

    /// <summary>
    /// Like ssh with its key files: a folder above the data folder that another user owns (root aside), or that its
    /// group or others can write without the sticky bit, lets that user rename the data folder away and put their own
    /// in its place. Folders that do not exist yet are skipped.
    /// </summary>
    /// <param name="path">The path whose ancestors are checked (the data folder, or its resolved real path).</param>
    /// <param name="dataDirectory">The data folder as the user named it, for the message.</param>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CheckAncestors(string path, string dataDirectory)
    {
        for (var ancestor = Path.GetDirectoryName(Path.GetFullPath(path)); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (!Directory.Exists(ancestor))
            {
                continue;
            }

            var owner = FileOwner.Of(ancestor).OwnerId;
            if (owner != 0 && owner != FileOwner.CurrentUserId)
            {
                throw new UnsafeDataFolderException(
                    $"The data folder '{dataDirectory}' is inside '{ancestor}', which belongs to another user (uid {owner}); "
                    + "that user could replace the data folder. Choose a folder under your home directory with --data-dir.");
            }

            var mode = File.GetUnixFileMode(ancestor);
            if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 && (mode & UnixFileMode.StickyBit) == 0)
            {
                throw new UnsafeDataFolderException(
                    $"The data folder '{dataDirectory}' is inside '{ancestor}', which other users can write to without the sticky bit "
                    + $"(mode {Convert.ToString((int)mode, 8)}); they could rename the data folder and put their own in its place. "
                    + $"Run: chmod go-w '{ancestor}' (or chmod +t), or choose a folder under your home directory with --data-dir.");
            }
        }
    }

    private static void RemoveAbandonedRuns(string dataDirectory)
    {
        foreach (var run in Directory.EnumerateDirectories(dataDirectory, RunPrefix + "*"))
        {
            var name = Path.GetFileName(run);
            var dash = name.IndexOf('-', RunPrefix.Length);
            if (dash > 0 && int.TryParse(name.AsSpan(RunPrefix.Length, dash - RunPrefix.Length), out var processId) && !IsRunning(processId))
            {
                EndOrphanedTools(run);
                RemoveRun(run);
            }
        }
    }

    /// <summary>
    /// A server killed outright (SIGKILL) cannot end its ffmpeg; on Linux the next start finds such orphans by the
    /// abandoned run folder their command line names (every output and pass-log path is inside it) and ends them.
    /// </summary>
    private static void EndOrphanedTools(string run)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var marker = run + Path.DirectorySeparatorChar;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var processId))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    using var orphan = Process.GetProcessById(processId);
                    orphan.Kill(entireProcessTree: true);
                    orphan.WaitForExit(5000);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException
                or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours to end.
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            // A zombie (ended, never reaped, as happens where nothing reaps orphans) has ended too.
            if (OperatingSystem.IsLinux() && File.Exists($"/proc/{processId}/stat"))
            {
                var stat = File.ReadAllText($"/proc/{processId}/stat");
                return stat[(stat.LastIndexOf(')') + 2)..] is not ['Z' or 'X', ..];
            }

            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The owner of a file: .NET has no managed API for it, so this asks the runtime's own native shim
    /// (<c>SystemNative_Stat</c>, whose first fields are flags, mode, uid, gid on every Unix .NET supports).
    /// </summary>
    private static class FileOwner
    {
        public static uint CurrentUserId => GetEffectiveUserId();

        public static (uint OwnerId, int Mode) Of(string path)
        {
            // Larger than the runtime's FileStatus struct, so a later field added to it cannot overrun the buffer.
            var buffer = new byte[512];
            if (Stat(path, buffer) != 0)
            {
                throw new IOException($"Cannot read the owner of '{path}'.");
            }

            return (BitConverter.ToUInt32(buffer, 8), BitConverter.ToInt32(buffer, 4));
        }

        /// <summary>The path with every symbolic link resolved (libc <c>realpath</c>); null when it cannot be resolved.</summary>
        public static string? RealPath(string path)
        {
            var resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                // realpath allocates with malloc; on Unix FreeHGlobal is free.
                Marshal.FreeHGlobal(resolved);
            }
        }

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = true)]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();
    }
}
