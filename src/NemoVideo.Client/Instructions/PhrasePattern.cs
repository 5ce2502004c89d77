using System;
using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    internal static class PhrasePattern
    {
        // The timeout bounds a pathological input; the patterns themselves are linear.
        public static Regex Create(string pattern) =>
            new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }
}
