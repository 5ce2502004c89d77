using NemoVideo.Client;

namespace NemoVideo.Module
{
    /// <summary>One uploaded media (Send-NemoVideo). SessionId and MediaId bind by name to the next cmdlets.</summary>
    public sealed class NemoUploadedMedia
    {
        internal NemoUploadedMedia(NemoMedia media)
        {
            SessionId = media.SessionId;
            MediaId = media.MediaId;
            Name = media.Name;
            Url = media.Url;
            SourcePath = media.SourcePath;
            Length = media.Length;
            RawJson = media.RawJson;
        }

        public string SessionId { get; }

        public string? MediaId { get; }

        public string? Name { get; }

        public string? Url { get; }

        /// <summary>The local file or URL that was uploaded.</summary>
        public string? SourcePath { get; }

        public long? Length { get; }

        /// <summary>The service's own object for this media (its upload response shape is not published).</summary>
        public string RawJson { get; }
    }
}
