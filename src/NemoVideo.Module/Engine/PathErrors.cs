using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>The per-input errors of <see cref="PathArgument.ResolveAll"/>; each names the user's path as its target.</summary>
    internal static class PathErrors
    {
        public static CommandError IsFolder(string folder) =>
            ErrorMapper.Create(
                ModuleErrorIds.PathIsFolder, ErrorCategory.InvalidArgument, folder,
                $"'{folder}' is a folder, not a video file.",
                $"Pass the videos in it instead, e.g. Get-ChildItem -LiteralPath '{Quote(folder)}' -File | Compress-NemoVideo ...");

        public static CommandError NeedsLiteralPath(string path) =>
            ErrorMapper.Create(
                ModuleErrorIds.PathNeedsLiteralPath, ErrorCategory.ObjectNotFound, path,
                $"No file matches the pattern '{path}': -Path reads [ ] as wildcard characters, but a file named exactly '{path}' exists.",
                $"Use -LiteralPath '{Quote(path)}' (or pipe it from Get-ChildItem) to take the name as written.");

        private static string Quote(string text) => text.Replace("'", "''");
    }
}
