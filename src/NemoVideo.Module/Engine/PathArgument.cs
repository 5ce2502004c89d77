using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>A -Path (wildcards) or -LiteralPath argument, resolved to files through the host.</summary>
    public sealed record PathArgument(string Value, bool Literal)
    {
        /// <summary>Every file the arguments name, each once, in order; a path that matches nothing is an error for that path.</summary>
        public static IReadOnlyList<string> ResolveAll(ICommandHost host, IEnumerable<PathArgument> arguments)
        {
            var files = new List<string>();
            foreach (var argument in arguments)
            {
                var resolved = host.ResolvePath(argument.Value, argument.Literal);
                if (resolved.Count == 0)
                {
                    host.WriteError(ErrorMapper.Create(
                        ModuleErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, argument.Value,
                        $"Cannot find a file at '{argument.Value}'.",
                        argument.Literal ? "Check the path; -LiteralPath takes it exactly as written." : "Check the path and the wildcard."));
                }

                files.AddRange(resolved.Where(file => !files.Contains(file)));
            }

            return files;
        }
    }
}
