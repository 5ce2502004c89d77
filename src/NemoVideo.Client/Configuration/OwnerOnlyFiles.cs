using System;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NemoVideo.Client
{
    /// <summary>Files and folders in the user's NemoVideo configuration folder, created readable by their owner only (Unix).</summary>
    internal static class OwnerOnlyFiles
    {
        // UnixFileMode.UserRead | UnixFileMode.UserWrite, and UserRead | UserWrite | UserExecute for the folder.
        private const int OwnerReadWrite = 0x180;
        private const int OwnerReadWriteExecute = 0x1C0;

        // netstandard2.0 has no UnixFileMode API; .NET 7+ hosts (pwsh 7.4+) do. Reflection lets the file be created with
        // the mode atomically where the runtime supports it, instead of a chmod P/Invoke whose open() flags differ between
        // Linux and macOS. Windows PowerShell 5.1 runs on .NET Framework, where the profile folder's ACL already limits
        // access to the owner, so plain creation is right there.
        public static FileStream CreateNew(string path)
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

        public static void CreateDirectory(string path)
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

        /// <summary>
        /// On Unix, takes group and other access away from an existing file or folder (to 0600 / 0700), so a token is
        /// never kept where another account can read it. Returns the mode it had when it was changed, else null.
        /// </summary>
        public static string? Tighten(string path, bool isDirectory)
        {
            var modeType = Type.GetType("System.IO.UnixFileMode, System.Runtime", throwOnError: false)
                ?? typeof(FileStream).Assembly.GetType("System.IO.UnixFileMode", throwOnError: false);
            var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            var set = modeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
            if (get is null || set is null || IsWindows() || !(isDirectory ? Directory.Exists(path) : File.Exists(path)))
            {
                return null;
            }

            var mode = Convert.ToInt32(InvokeUnwrapped(() => get.Invoke(null, new object[] { path })));
            const int GroupAndOther = 0x3F;
            if ((mode & GroupAndOther) == 0)
            {
                return null;
            }

            var owner = isDirectory ? OwnerReadWriteExecute : OwnerReadWrite;
            InvokeUnwrapped(() => set.Invoke(null, new[] { path, Enum.ToObject(modeType!, owner) }));
            return Convert.ToString(mode & 0x1FF, 8).PadLeft(4, '0');
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

        public static bool IsWindows() => Path.DirectorySeparatorChar == '\\';
    }
}
