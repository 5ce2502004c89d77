using System;
using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    internal static class PhrasePattern
    {
        // No match timeout: the patterns are alternations of words without nested quantifiers, so matching is linear in
        // the text. A timeout only measures the clock, and on a loaded machine a preempted thread "timed out" on a
        // one-line instruction and failed a whole Compress-NemoVideo run (RegexMatchTimeoutException).
        public static Regex Create(string pattern) =>
            new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Regex.InfiniteMatchTimeout);
    }
}
