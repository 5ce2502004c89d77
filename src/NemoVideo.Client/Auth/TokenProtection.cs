using System;
using System.Security.Cryptography;
using System.Text;

namespace NemoVideo.Client
{
    /// <summary>
    /// How a stored token is written. On Windows it is encrypted with DPAPI for the current user (ProtectedData,
    /// CurrentUser scope), because a file in the profile folder inherits whatever ACL that folder has. On Unix it is
    /// written as is, and the file is owner-only (0600) instead; DPAPI does not exist there.
    /// </summary>
    internal static class TokenProtection
    {
        private const string DpapiPrefix = "dpapi:";

        // Binds the encrypted blob to this purpose, so another program's DPAPI blob cannot be passed off as a token.
        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("NemoVideo anonymous token");

        public static string Protect(string token) =>
            OwnerOnlyFiles.IsWindows() ? DpapiPrefix + Convert.ToBase64String(Encrypt(token)) : token;

        /// <summary>The token, or null when it cannot be read here (another user's or another machine's blob).</summary>
        public static string? Unprotect(string stored)
        {
            if (!stored.StartsWith(DpapiPrefix, StringComparison.Ordinal))
            {
                return stored;
            }

            if (!OwnerOnlyFiles.IsWindows())
            {
                return null;
            }

            try
            {
                return Decrypt(Convert.FromBase64String(stored.Substring(DpapiPrefix.Length)));
            }
            catch (Exception error) when (error is CryptographicException || error is FormatException)
            {
                return null;
            }
        }

        // Separate methods so ProtectedData's assembly is only loaded on Windows, where it works.
        private static byte[] Encrypt(string token) =>
            ProtectedData.Protect(Encoding.UTF8.GetBytes(token), Entropy, DataProtectionScope.CurrentUser);

        private static string Decrypt(byte[] blob) =>
            Encoding.UTF8.GetString(ProtectedData.Unprotect(blob, Entropy, DataProtectionScope.CurrentUser));
    }
}
