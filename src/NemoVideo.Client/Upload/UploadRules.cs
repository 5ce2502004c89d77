using System;
using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>What the service accepts for upload, from the contract.</summary>
    internal static class UploadRules
    {
        public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".mp4"] = "video/mp4",
            [".mov"] = "video/quicktime",
            [".avi"] = "video/x-msvideo",
            [".webm"] = "video/webm",
            [".mkv"] = "video/x-matroska",
            [".jpg"] = "image/jpeg",
            [".png"] = "image/png",
            [".gif"] = "image/gif",
            [".webp"] = "image/webp",
            [".mp3"] = "audio/mpeg",
            [".wav"] = "audio/wav",
            [".m4a"] = "audio/mp4",
            [".aac"] = "audio/aac",
        };

        public const string AcceptedList = "mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac";

        /// <summary>MPEG transport streams: only a server that says so takes them (<see cref="NemoClientOptions.AcceptsTransportStreams"/>).</summary>
        public static readonly IReadOnlyDictionary<string, string> TransportStreamTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".ts"] = "video/mp2t",
            [".m2ts"] = "video/mp2t",
            [".mts"] = "video/mp2t",
        };

        /// <summary>The multipart content type of an accepted file; null when the file's type is not accepted.</summary>
        public static string? MediaTypeOf(string extension, bool acceptsTransportStreams) =>
            MediaTypes.TryGetValue(extension, out var type) ? type
            : acceptsTransportStreams && TransportStreamTypes.TryGetValue(extension, out var stream) ? stream
            : null;
    }
}
