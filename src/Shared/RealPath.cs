using System;
using System.IO;
using System.Reflection;

namespace NemoVideo
{
    /// <summary>
    /// A path with every symbolic link along it followed, so that two names of one file compare equal: an output folder
    /// that is a link to the source's folder must be refused like the folder itself, or a forced run writes over the
    /// source. Links are read through <c>FileSystemInfo.LinkTarget</c> (.NET 6 and later, so PowerShell 7); where it does
    /// not exist (Windows PowerShell 5.1 on .NET Framework) the full path is returned unchanged, and links are not seen.
    /// Hard links are not detected (they are rare for folders and video files alike).
    /// </summary>
    internal static class RealPath
    {
        private const int MaximumLinks = 40;
        private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");
        private static readonly char[] Separators = { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };

        /// <summary>The file a path names, links followed: a link's own FileInfo gives the link's length (a few bytes) and
        /// time, not the video's.</summary>
        public static FileInfo FileOf(string path) => new FileInfo(Of(path));

        /// <summary>The full path of <paramref name="path"/> with links followed; parts that do not exist yet are kept as written.</summary>
        public static string Of(string path)
        {
            var links = 0;
            return Resolve(Path.GetFullPath(path), ref links);
        }

        private static string Resolve(string fullPath, ref int links)
        {
            var root = Path.GetPathRoot(fullPath) ?? string.Empty;
            var current = root;
            foreach (var part in fullPath.Substring(root.Length).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                while (Target(next) is string target && links++ < MaximumLinks)
                {
                    // A relative target counts from the link's folder; the target's own folders may be links too.
                    next = Resolve(Path.GetFullPath(Path.Combine(current, target)), ref links);
                }

                current = next;
            }

            return current;
        }

        private static string? Target(string path)
        {
            if (LinkTargetProperty is null)
            {
                return null;
            }

            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.Exists ? LinkTargetProperty.GetValue(info) as string : null;
        }
    }
}
