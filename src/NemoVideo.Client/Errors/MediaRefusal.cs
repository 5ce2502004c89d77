using System;
using System.Collections.Generic;
using System.IO;

namespace NemoVideo.Client
{
    /// <summary>
    /// A file refused for what it is instead of a video, each kind with its own error id and advice that fits it: only
    /// audio, a still image, a recording cut off before its index was written, or not media at all. Raised for a 4003
    /// upload answer that names the kind (<c>data.problem</c>), and by Compress-NemoVideo before an upload when the
    /// extension already says the file is audio or a picture.
    /// </summary>
    public static class MediaRefusal
    {
        private static readonly HashSet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".oga", ".opus", ".wma", ".aiff", ".aif",
        };

        /// <summary>GIF is left out: an animated GIF is a moving picture and is compressed like a video (docs/compression.md).</summary>
        private static readonly HashSet<string> StillImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif",
        };

        /// <summary>The refusal an extension alone justifies for a video compression (audio or still-image types); null otherwise.</summary>
        public static NemoException? ForCompressionByExtension(string path)
        {
            var extension = Path.GetExtension(path);
            if (AudioExtensions.Contains(extension))
            {
                return AudioOnly(path, null, null);
            }

            if (!StillImageExtensions.Contains(extension))
            {
                return null;
            }

            // A picture type can hold an animation: an APNG is compressed like a video (so is a GIF); an animated WebP
            // is an animation the local ffmpeg cannot decode, not a still image.
            switch (PictureAnimation.Of(path))
            {
                case PictureAnimation.Kind.Apng:
                    return null;
                case PictureAnimation.Kind.AnimatedWebp:
                    return UnsupportedAnimation(path, null, null);
                default:
                    return StillImage(path, null, null);
            }
        }

        /// <summary>The refusal for what an upload answer says the stored media is ("audio", "image"); null for a video or an unknown word.</summary>
        public static NemoException? ForCompressionByMediaType(string path, string? mediaType)
        {
            switch (mediaType?.Trim().ToLowerInvariant())
            {
                case "audio":
                case "music":
                    return AudioOnly(path, null, null);
                case "image":
                case "picture":
                case "photo":
                    return StillImage(path, null, null);
                default:
                    return null;
            }
        }

        /// <summary>The refusal for a 4003 answer's <c>data.problem</c> (audio_only, still_image, truncated, not_media); null for another or none.</summary>
        /// <param name="serverMessage">The answer's message: for a file cut off it says where (inside a faststart index, before the
        /// first picture, a missing index), which the fixed text cannot.</param>
        public static NemoException? ForProblem(string? problem, string target, int? code, int? httpStatus, string? serverMessage = null)
        {
            switch (problem)
            {
                case "audio_only":
                    return AudioOnly(target, code, httpStatus);
                case "still_image":
                    return StillImage(target, code, httpStatus);
                case "truncated":
                    return Failure.Of(
                        NemoErrorIds.MediaTruncated,
                        NemoErrorCategory.InvalidData,
                        $"'{target}' was cut off: it ends before its own header says (a recording stopped by a crash or a full disk, or an interrupted copy or download)."
                        + (Sentences.Clause(serverMessage) is { } said ? $" The service says: {said}." : string.Empty),
                        "Copy it again from the original, or download it again; an MP4/MOV recording that never got its index (the 'moov' box) can be repaired with a tool such as untrunc and a good recording from the same camera or app. Sending it again as it is will not help.",
                        target, code, httpStatus);
                case "no_video":
                    return Failure.Of(
                        NemoErrorIds.MediaNoVideo,
                        NemoErrorCategory.InvalidType,
                        $"'{target}' has no video: it holds no picture to compress (for example only subtitles).",
                        "Only videos are compressed: compress the video these subtitles belong to, and keep the subtitles as a separate .srt/.ass file or mux them in afterwards.",
                        target, code, httpStatus);
                case "unsupported_animation":
                    return UnsupportedAnimation(target, code, httpStatus);
                case "not_media":
                    return Failure.Of(
                        NemoErrorIds.MediaNotMedia,
                        NemoErrorCategory.InvalidData,
                        $"'{target}' is not a media file: ffmpeg does not recognise its contents as any video, audio or image format (was another kind of file renamed?).",
                        "Check that this is the file you meant, and supply an MP4, MOV, WebM or MKV video.",
                        target, code, httpStatus);
                default:
                    return null;
            }
        }

        private static NemoException AudioOnly(string target, int? code, int? httpStatus) =>
            Failure.Of(
                NemoErrorIds.MediaAudioOnly,
                NemoErrorCategory.InvalidType,
                $"'{target}' holds only audio: there is no picture to compress as a video.",
                "Only videos are compressed. To make audio smaller, re-encode it (for example ffmpeg -i in.wav -c:a aac -b:a 128k out.m4a); "
                + "the hosted service also takes audio files (.m4a, .mp3, .wav) for edits.",
                target, code, httpStatus);

        private static NemoException UnsupportedAnimation(string target, int? code, int? httpStatus) =>
            Failure.Of(
                NemoErrorIds.MediaUnsupportedAnimation,
                NemoErrorCategory.InvalidType,
                $"'{target}' is an animated WebP, which the local server's ffmpeg cannot decode (its WebP decoder reads still images only).",
                "Convert it to a video or an animated GIF first with a tool that reads animated WebP (for example ImageMagick: magick in.webp out.gif), then compress that.",
                target, code, httpStatus);

        private static NemoException StillImage(string target, int? code, int? httpStatus) =>
            Failure.Of(
                NemoErrorIds.MediaStillImage,
                NemoErrorCategory.InvalidType,
                $"'{target}' is a still image, not a video.",
                "Only videos are compressed. To make a picture smaller, use an image tool (for example ffmpeg -i in.png -q:v 3 out.jpg); "
                + "the hosted service also takes images (.png, .jpg, .webp) for edits.",
                target, code, httpStatus);
    }
}
