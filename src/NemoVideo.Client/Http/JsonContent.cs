using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace NemoVideo.Client
{
    internal static class JsonContent
    {
        public static HttpContent From(object body) => FromText(JsonSerializer.Serialize(body));

        public static HttpContent FromText(string json) => new StringContent(json, new UTF8Encoding(false), "application/json");
    }
}
