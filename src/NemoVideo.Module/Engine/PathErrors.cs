using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>The per-input errors of <see cref="PathArgument.ResolveAll"/>; each names the user's path as its target.</summary>
    internal static class PathErrors
    {
        /// <param name="command">The cmdlet that was given the folder, for the example of what to do instead.</param>
        public static CommandError IsFolder(string folder, string command) =>
            ErrorMapper.Create(
                ModuleErrorIds.PathIsFolder, ErrorCategory.InvalidArgument, folder,
                $"'{folder}' is a folder, not a video file.",
                $"Pass the videos in it instead, e.g. Get-ChildItem -LiteralPath '{Quote(folder)}' -File | {command} ...");

        public static CommandError NeedsLiteralPath(string path) =>
            ErrorMapper.Create(
                ModuleErrorIds.PathNeedsLiteralPath, ErrorCategory.ObjectNotFound, path,
                $"No file matches the pattern '{path}': -Path reads [ ] as wildcard characters, but a file named exactly '{path}' exists.",
                $"Use -LiteralPath '{Quote(path)}' (or pipe it from Get-ChildItem) to take the name as written.");

        /// <summary>
        /// A path PowerShell resolved, or a file it named, that cannot be opened as a file: it vanished, access is
        /// denied, or (Linux, macOS) its name holds a '\', which PowerShell turns into a folder separator, so the path
        /// it hands back names a file that is not there.
        /// </summary>
        public static CommandError Unreadable(string path, string? pattern, string reason) =>
            ErrorMapper.Create(
                ModuleErrorIds.PathUnreadable, ErrorCategory.ReadError, path,
                (pattern is null ? $"Cannot read the file {path}: {reason}" : $"'{pattern}' matched {path}, but it cannot be read as a file: {reason}") +
                " It was skipped; the other files go on.",
                "Check that the file still exists and that you may read it. A name with '\\' cannot be read through PowerShell on Linux or macOS: rename the file (e.g. with mv) and run the command again.");

        private static string Quote(string text) => text.Replace("'", "''");
    }
}
