using System;
using System.Collections.Generic;
using System.Linq;

namespace NemoVideo.Module.Engine
{
    /// <summary>Decides whether anyone can answer a prompt, so no command ever blocks a job or a CI run on one.</summary>
    public static class Interactivity
    {
        // Hosts that run scripts with nobody at a keyboard: remoting, background jobs, the SDK default host.
        private static readonly string[] UnattendedHosts = { "ServerRemoteHost", "Default Host" };

        public static bool IsInteractive(IEnumerable<string> commandLine, string? hostName, bool userInteractive)
        {
            if (!userInteractive)
            {
                return false;
            }

            if (hostName != null && UnattendedHosts.Contains(hostName, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            // pwsh accepts any unambiguous prefix of -NonInteractive (e.g. -noni), with one or two dashes.
            return !commandLine.Any(argument =>
            {
                var name = argument.TrimStart('-', '/');
                return argument.Length > name.Length && name.Length >= 4
                    && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase);
            });
        }
    }
}
