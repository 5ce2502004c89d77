using System;
using System.Collections;

namespace NemoVideo.Client
{
    internal static class EnvironmentOptionsReader
    {
        public static NemoClientOptions Read(IDictionary environment)
        {
            if (environment is null)
            {
                throw new ArgumentNullException(nameof(environment));
            }

            var defaults = new NemoClientOptions();
            return new NemoClientOptions
            {
                Token = Value(environment, "NEMO_TOKEN"),
                ApiBaseUrl = Url(environment, "NEMO_API_URL") ?? defaults.ApiBaseUrl,
                WebBaseUrl = Url(environment, "NEMO_WEB_URL") ?? defaults.WebBaseUrl,
                ClientId = Value(environment, "NEMO_CLIENT_ID"),
                SkillPlatform = Value(environment, "SKILL_SOURCE") ?? defaults.SkillPlatform,
            };
        }

        private static string? Value(IDictionary environment, string name)
        {
            var text = environment.Contains(name) ? environment[name] as string : null;
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static Uri? Url(IDictionary environment, string name)
        {
            var text = Value(environment, name);
            if (text is null)
            {
                return null;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Failure.Of(
                    NemoErrorIds.ConfigInvalidUrl,
                    NemoErrorCategory.InvalidArgument,
                    $"{name} is not an http(s) URL: '{text}'.",
                    $"Set {name} to an absolute URL such as https://example.com, or clear it to use the default.",
                    name);
            }

            return url;
        }
    }
}
