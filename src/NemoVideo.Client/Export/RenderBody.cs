using System.IO;
using System.Text;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>
    /// The render request. The draft is written as the exact text the state gave, not re-serialised, so fields this
    /// client does not model (and number formats, key order) reach the renderer untouched.
    /// </summary>
    internal static class RenderBody
    {
        public static string Build(string renderId, string sessionId, string draftJson)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", renderId);
                writer.WriteString("sessionId", sessionId);
                writer.WritePropertyName("draft");
                writer.WriteRawValue(draftJson, skipInputValidation: false);
                writer.WriteStartObject("output");
                writer.WriteString("format", "mp4");
                writer.WriteString("quality", "high");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
