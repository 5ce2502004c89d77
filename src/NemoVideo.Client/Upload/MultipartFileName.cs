using System.Net.Http.Headers;
using System.Text;

namespace NemoVideo.Client
{
    /// <summary>
    /// The Content-Disposition of an uploaded file part, able to carry any name a file system allows (quotes,
    /// semicolons, backslashes, percent signs, any Unicode). The exact name travels as RFC 7578 / RFC 6266
    /// <c>filename*=UTF-8''…</c> (percent-encoded UTF-8, RFC 8187); <c>filename="…"</c> is a plain-ASCII fallback for
    /// servers that read only that, with every character that needs escaping replaced by <c>_</c>.
    /// </summary>
    /// <remarks>
    /// Built by hand because HttpClient's own <c>MultipartFormDataContent.Add(content, name, fileName)</c> throws on a
    /// name with a <c>"</c> in it, and older frameworks send non-ASCII names MIME-encoded, which few servers decode.
    /// </remarks>
    internal static class MultipartFileName
    {
        public static ContentDispositionHeaderValue FormData(string fieldName, string fileName)
        {
            var disposition = new ContentDispositionHeaderValue("form-data");
            disposition.Parameters.Add(new NameValueHeaderValue("name", "\"" + fieldName + "\""));
            disposition.Parameters.Add(new NameValueHeaderValue("filename", "\"" + AsciiFallback(fileName) + "\""));
            disposition.Parameters.Add(new NameValueHeaderValue("filename*", "UTF-8''" + PercentEncode(fileName)));
            return disposition;
        }

        /// <summary>Printable ASCII kept; quotes, backslashes, percent signs, controls and non-ASCII become '_'.</summary>
        internal static string AsciiFallback(string fileName)
        {
            var fallback = new StringBuilder(fileName.Length);
            foreach (var character in fileName)
            {
                var plain = character >= 0x20 && character < 0x7f && character != '"' && character != '\\' && character != '%';
                if (char.IsLowSurrogate(character))
                {
                    continue; // The high surrogate already stood in for the whole character.
                }

                fallback.Append(plain ? character : '_');
            }

            return fallback.ToString();
        }

        /// <summary>RFC 8187 value-chars: attr-chars as they are, every other UTF-8 byte as %XX.</summary>
        internal static string PercentEncode(string fileName)
        {
            var encoded = new StringBuilder();
            foreach (var octet in new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetBytes(fileName))
            {
                if (IsAttrChar(octet))
                {
                    encoded.Append((char)octet);
                }
                else
                {
                    encoded.Append('%').Append(octet.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return encoded.ToString();
        }

        private static bool IsAttrChar(byte octet) =>
            (octet >= 'a' && octet <= 'z') || (octet >= 'A' && octet <= 'Z') || (octet >= '0' && octet <= '9')
            || "!#$&+-.^_`|~".IndexOf((char)octet) >= 0;
    }
}
