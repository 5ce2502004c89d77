using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NemoVideo.Module.LocalServer
{
    /// <summary>
    /// Quotes arguments for ProcessStartInfo.Arguments (netstandard2.0 has no ArgumentList) by the rules both the
    /// Windows C runtime and .NET on Unix use to split a command line.
    /// </summary>
    public static class CommandLine
    {
        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"'))
            {
                return argument;
            }

            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                // Backslashes are literal unless they precede a quote; then each must be doubled.
                quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
                quoted.Append(c);
                backslashes = 0;
            }

            quoted.Append('\\', backslashes * 2);
            return quoted.Append('"').ToString();
        }
    }
}
