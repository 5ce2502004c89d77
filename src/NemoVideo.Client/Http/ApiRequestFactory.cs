using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace NemoVideo.Client
{
    /// <summary>
    /// Builds every request. API requests carry the attribution headers (exports fail with 402 without them) and the
    /// bearer token; requests to any other host carry neither, because pre-signed storage URLs must never see the token.
    /// </summary>
    internal sealed class ApiRequestFactory
    {
        private readonly NemoClientOptions options;
        private readonly ProductInfoHeaderValue userAgent;

        public ApiRequestFactory(NemoClientOptions options)
        {
            this.options = options;
            userAgent = new ProductInfoHeaderValue("NemoPS", options.SkillVersion);
        }

        public HttpRequestMessage CreateApi(HttpMethod method, string relativePath, string? token, HttpContent? content = null) =>
            CreateApi(method, new Uri(options.ApiBaseUrl, relativePath.TrimStart('/')), token, content);

        public HttpRequestMessage CreateApi(HttpMethod method, Uri url, string? token, HttpContent? content = null)
        {
            if (!IsApiHost(url))
            {
                throw new InvalidOperationException("API requests go to the API host only.");
            }

            var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.UserAgent.Add(userAgent);
            request.Headers.Add("X-Skill-Source", options.SkillSource);
            request.Headers.Add("X-Skill-Version", options.SkillVersion);
            request.Headers.Add("X-Skill-Platform", options.SkillPlatform);
            if (token != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return request;
        }

        /// <summary>A bare GET for a URL on another host: no Authorization, no attribution.</summary>
        public HttpRequestMessage CreateForeign(Uri url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.Add(userAgent);
            return request;
        }

        /// <summary>Same scheme, host and port as the API base: the only origin trusted with the token.</summary>
        public bool IsApiHost(Uri url) =>
            url.IsAbsoluteUri
            && Uri.Compare(url, options.ApiBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
