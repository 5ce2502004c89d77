using System;

namespace NemoVideo.Client
{
    internal static class BaseUrl
    {
        /// <summary>
        /// An absolute URL ending in "/": without it, resolving "api/..." against "http://host/base" would drop "base".
        /// </summary>
        public static Uri Normalize(Uri value, string name)
        {
            if (value is null || !value.IsAbsoluteUri)
            {
                throw new ArgumentException($"{name} must be an absolute URL.", name);
            }

            return value.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? value : new Uri(value.AbsoluteUri + "/");
        }
    }
}
