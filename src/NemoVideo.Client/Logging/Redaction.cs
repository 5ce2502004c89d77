using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    /// <summary>
    /// The one place that scrubs secrets from text: Bearer values, nmv_/clm_ tokens and JSON token fields.
    /// Every log line and every exception message passes through here.
    /// </summary>
    public static class Redaction
    {
        public const string Mask = "***";

        private static readonly Regex Bearer = new Regex(@"(?i)\b(Bearer)\s+[^\s""',;]+", RegexOptions.Compiled);
        private static readonly Regex PrefixedToken = new Regex(@"\b(nmv|clm)_[A-Za-z0-9_\-\.~+/=]+", RegexOptions.Compiled);
        private static readonly Regex JsonTokenField = new Regex(
            @"(""[a-z_]*token""\s*:\s*"")(?:[^""\\]|\\.)*("")",
            RegexOptions.Compiled | RegexOptions.IgnoreCase);
        private static readonly Regex ClaimQuery = new Regex(@"([?&]ct=)[^&#\s""']+", RegexOptions.Compiled);

        /// <summary>Returns <paramref name="text"/> with every recognisable secret replaced by <see cref="Mask"/>.</summary>
        public static string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = Bearer.Replace(text, "$1 " + Mask);
            result = PrefixedToken.Replace(result, "$1_" + Mask);
            result = JsonTokenField.Replace(result, "$1" + Mask + "$2");
            return ClaimQuery.Replace(result, "$1" + Mask);
        }

        /// <summary>
        /// Also masks <paramref name="secret"/> verbatim: a token the user supplied need not have a recognisable prefix.
        /// </summary>
        public static string Scrub(string? text, string? secret)
        {
            var result = Scrub(text);
            return string.IsNullOrEmpty(secret) || secret!.Length < 4 ? result : result.Replace(secret, Mask);
        }
    }
}
