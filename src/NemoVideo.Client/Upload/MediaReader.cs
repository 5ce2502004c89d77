using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NemoVideo.Client
{
    /// <summary>
    /// The upload answer's shape is not published: <c>data</c> may be one media object, a list of them, or a list under
    /// some key. Any object carrying an id or a URL counts as a media; its raw JSON is kept on the result.
    /// </summary>
    internal static class MediaReader
    {
        private static readonly string[] IdKeys = { "media_id", "mediaId", "id", "file_id", "fileId", "asset_id", "assetId" };
        private static readonly string[] UrlKeys = { "url", "file_url", "fileUrl", "media_url", "mediaUrl", "download_url", "src" };
        private static readonly string[] NameKeys = { "name", "file_name", "fileName", "filename", "original_name", "originalName", "title" };
        private static readonly string[] LengthKeys = { "size", "file_size", "fileSize", "length", "bytes" };
        private static readonly string[] TypeKeys = { "type", "media_type", "mediaType", "file_type", "fileType", "kind" };

        public static IReadOnlyList<NemoMedia> Read(JsonElement data, string sessionId, string? sourcePath, long? sourceLength)
        {
            var found = new List<JsonElement>();
            Collect(data, found, depth: 0);
            return found
                .Select(media => new NemoMedia(
                    sessionId,
                    JsonFields.String(media, IdKeys),
                    JsonFields.String(media, NameKeys),
                    JsonFields.String(media, UrlKeys),
                    sourcePath,
                    JsonFields.Integer(media, LengthKeys) ?? sourceLength,
                    media.GetRawText())
                {
                    MediaType = JsonFields.String(media, TypeKeys),
                })
                .ToList();
        }

        private static void Collect(JsonElement element, List<JsonElement> found, int depth)
        {
            // The nesting seen in practice is two or three levels; the bound stops a hostile answer from recursing deeply.
            if (depth > 8)
            {
                return;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found, depth + 1);
                }

                return;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (JsonFields.TryGet(element, out _, IdKeys) || JsonFields.TryGet(element, out _, UrlKeys))
            {
                found.Add(element);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Collect(property.Value, found, depth + 1);
            }
        }
    }
}
