using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>A -Path (wildcards) or -LiteralPath argument, resolved to files through the host.</summary>
    public sealed record PathArgument(string Value, bool Literal)
    {
        /// <summary>True when PowerShell reads the argument as a pattern (-Path with * ? [ ]), not as one name.</summary>
        public bool IsPattern => !Literal && Value.IndexOfAny(WildcardCharacters) >= 0;

        private static readonly char[] WildcardCharacters = { '*', '?', '[' };

        /// <summary>
        /// Every file the arguments name, each once, in order. Each problem is a non-terminating error for that argument
        /// alone, so the other files still go on: a path that matches nothing (Nemo.Path.NotFound, or
        /// Nemo.Path.UseLiteralPath when a file by that literal name exists), or a folder named as an input
        /// (Nemo.Path.IsFolder), or a path PowerShell resolved that is no readable file (Nemo.Path.Unreadable: it vanished,
        /// or on Linux its name holds a '\' that PowerShell read as a folder separator). Folders a wildcard happens to
        /// match are left out with a verbose note.
        /// </summary>
        /// <param name="command">The cmdlet resolving them (Send-NemoVideo, Compress-NemoVideo): errors show it in their advice.</param>
        public static IReadOnlyList<string> ResolveAll(ICommandHost host, IEnumerable<PathArgument> arguments, string command)
        {
            var files = new List<string>();
            foreach (var argument in arguments)
            {
                IReadOnlyList<string> resolved;
                try
                {
                    resolved = host.ResolvePath(argument.Value, argument.Literal);
                }
                catch (Exception failure) when (!(failure is CommandTerminatedException) && !(failure is OperationCanceledException))
                {
                    // A provider failure (a folder it may not list, a name it cannot take) is this argument's alone.
                    host.WriteError(PathErrors.Unreadable(argument.Value, null, failure.Message));
                    continue;
                }

                if (resolved.Count == 0)
                {
                    host.WriteError(NotFound(host, argument));
                }

                foreach (var path in resolved.Where(path => !files.Contains(path)))
                {
                    if (File.Exists(path))
                    {
                        files.Add(path);
                    }
                    else if (!Directory.Exists(path))
                    {
                        host.WriteError(PathErrors.Unreadable(path, argument.Value, "no file is at that path."));
                    }
                    else if (argument.IsPattern)
                    {
                        host.WriteVerbose($"Skipping the folder {path}: '{argument.Value}' matched it, and only files are compressed.");
                    }
                    else
                    {
                        host.WriteError(PathErrors.IsFolder(path, command));
                    }
                }
            }

            return files;
        }

        private static CommandError NotFound(ICommandHost host, PathArgument argument)
        {
            // "clip [1080p].mp4" is a pattern to -Path: [1080p] matches one character, so the file itself never matches.
            if (argument.IsPattern && host.ResolvePath(argument.Value, literal: true).Count > 0)
            {
                return PathErrors.NeedsLiteralPath(argument.Value);
            }

            return ErrorMapper.Create(
                ModuleErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, argument.Value,
                $"Cannot find a file at '{argument.Value}'.",
                argument.Literal ? "Check the path; -LiteralPath takes it exactly as written." : "Check the path and the wildcard.");
        }
    }
}
