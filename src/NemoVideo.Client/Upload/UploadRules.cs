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
    }
}
