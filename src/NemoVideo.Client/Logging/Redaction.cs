using System;
using System.Text;
using System.Text.Json;
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

        // A backslash escape (\" or \u002B in a JSON body) is part of the value: stopping before it would leak the rest
        // of the token, and masking only its backslash would leave a quote that ends the JSON string early.
        private static readonly Regex Bearer = new Regex(@"(?i)\b(Bearer)\s+(?:[^\s""',;\\]|\\.)+", RegexOptions.Compiled);
        private static readonly Regex PrefixedToken = new Regex(@"\b(nmv|clm)_(?:[A-Za-z0-9_\-\.~+/=]|\\.)+", RegexOptions.Compiled);
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
        /// Also masks <paramref name="secret"/> verbatim, in its JSON-escaped form, and any start of it of
        /// <see cref="MinimumEchoedPrefix"/> characters or more (a server that echoes a shortened token): a token the user
        /// supplied need not have a recognisable prefix.
        /// </summary>
        public static string Scrub(string? text, string? secret)
        {
            var result = Scrub(text);
            if (string.IsNullOrEmpty(secret) || secret!.Length < 4)
            {
                return result;
            }

            result = result.Replace(secret, Mask);
            var escaped = JsonEncodedText.Encode(secret).ToString();
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                result = result.Replace(escaped, Mask);
            }

            return secret.Length > MinimumEchoedPrefix ? MaskEchoedPrefixes(result, secret) : result;
        }

        /// <summary>Shorter starts are too likely to be ordinary text, and too short to help a guess.</summary>
        public const int MinimumEchoedPrefix = 8;

        private static string MaskEchoedPrefixes(string text, string secret)
        {
            var start = secret.Substring(0, MinimumEchoedPrefix);
            var found = text.IndexOf(start, StringComparison.Ordinal);
            if (found < 0)
            {
                return text;
            }

            var masked = new StringBuilder(text.Length);
            var copied = 0;
            while (found >= 0)
            {
                var length = MinimumEchoedPrefix;
                while (length < secret.Length && found + length < text.Length && text[found + length] == secret[length])
                {
                    length++;
                }

                masked.Append(text, copied, found - copied).Append(Mask);
                copied = found + length;
                found = text.IndexOf(start, copied, StringComparison.Ordinal);
            }

            return masked.Append(text, copied, text.Length - copied).ToString();
        }
    }
}
