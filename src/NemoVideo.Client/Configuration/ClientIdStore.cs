using System;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;

namespace NemoVideo.Client
{
    /// <summary>
    /// Keeps the anonymous client id in &lt;config&gt;/client_id. Reusing one id matters: the service grants one anonymous
    /// token per client id per 7 days. The id is no secret, but the file is created owner-only anyway, because the same
    /// folder is the user's NemoVideo configuration.
    /// </summary>
    internal sealed class ClientIdStore
    {
        private const string FileName = "client_id";

        // UnixFileMode.UserRead | UnixFileMode.UserWrite, and UserRead | UserWrite | UserExecute for the folder.
        private const int OwnerReadWrite = 0x180;
        private const int OwnerReadWriteExecute = 0x1C0;

        private readonly string directory;

        public ClientIdStore(string directory)
        {
            this.directory = directory;
        }

        public string FilePath => Path.Combine(directory, FileName);

        public static string DefaultDirectory() =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "nemovideo");

        /// <summary>The stored id, or a new one written to the file when it is missing or not a UUID.</summary>
        public string GetOrCreate()
        {
            var stored = TryRead();
            return stored ?? Replace();
        }

        /// <summary>Writes a fresh id (the service rejected the old one) and returns it.</summary>
        public string Replace()
        {
            var id = Guid.NewGuid().ToString();
            try
            {
                CreateOwnerOnlyDirectory(directory);
                var temporary = Path.Combine(directory, "." + FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
                using (var stream = CreateOwnerOnlyFile(temporary))
                {
                    var bytes = Encoding.ASCII.GetBytes(id + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                }

                if (File.Exists(FilePath))
                {
                    File.Replace(temporary, FilePath, null);
                }
                else
                {
                    File.Move(temporary, FilePath);
                }
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw Failure.Of(
                    NemoErrorIds.ConfigClientIdUnwritable,
                    NemoErrorCategory.WriteError,
                    $"Cannot save the NemoVideo client id in '{FilePath}': {error.Message}",
                    "Make that folder writable, or set NEMO_CLIENT_ID to a UUID you keep yourself.",
                    FilePath,
                    inner: error);
            }

            return id;
        }

        private string? TryRead()
        {
            try
            {
                var text = File.ReadAllText(FilePath).Trim();
                return Guid.TryParse(text, out _) ? text : null;
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                return null;
            }
        }

        // netstandard2.0 has no UnixFileMode API; .NET 7+ hosts (pwsh 7.4+) do. Reflection lets the file be created with
        // the mode atomically where the runtime supports it, instead of a chmod P/Invoke whose open() flags differ between
        // Linux and macOS. Windows PowerShell 5.1 runs on .NET Framework, where the profile folder's ACL already limits
        // access to the owner, so plain creation is right there.
        private static FileStream CreateOwnerOnlyFile(string path)
        {
            var optionsType = Type.GetType("System.IO.FileStreamOptions, System.Runtime", throwOnError: false)
                ?? typeof(FileStream).Assembly.GetType("System.IO.FileStreamOptions", throwOnError: false);
            var modeProperty = optionsType?.GetProperty("UnixCreateMode");
            var constructor = optionsType is null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), optionsType });
            if (optionsType is null || modeProperty is null || constructor is null || IsWindows())
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }

            var options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
            optionsType.GetProperty("Access")!.SetValue(options, FileAccess.Write);
            modeProperty.SetValue(options, Enum.ToObject(modeProperty.PropertyType.GetGenericArguments()[0], OwnerReadWrite));
            return (FileStream)InvokeUnwrapped(() => constructor.Invoke(new[] { path, options }))!;
        }

        private static void CreateOwnerOnlyDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                return;
            }

            var modeType = Type.GetType("System.IO.UnixFileMode, System.Runtime", throwOnError: false)
                ?? typeof(FileStream).Assembly.GetType("System.IO.UnixFileMode", throwOnError: false);
            var create = modeType is null ? null : typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), modeType });
            if (create is null || IsWindows())
            {
                Directory.CreateDirectory(path);
                return;
            }

            // CreateDirectory(path, mode) applies the mode to the last folder only; ~/.config itself is left as it is.
            InvokeUnwrapped(() => create.Invoke(null, new[] { path, Enum.ToObject(modeType!, OwnerReadWriteExecute) }));
        }

        // Reflection wraps the real IOException/UnauthorizedAccessException; callers handle those, not the wrapper.
        private static object? InvokeUnwrapped(Func<object?> call)
        {
            try
            {
                return call();
            }
            catch (TargetInvocationException error) when (error.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(error.InnerException).Throw();
                throw;
            }
        }

        private static bool IsWindows() => Path.DirectorySeparatorChar == '\\';
    }
}
