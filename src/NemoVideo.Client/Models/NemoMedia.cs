namespace NemoVideo.Client
{
    /// <summary>One uploaded file or URL as the service reported it.</summary>
    /// <param name="RawJson">The service's own object for this media; the upload response shape is not published.</param>
    public sealed record NemoMedia(
        string SessionId,
        string? MediaId,
        string? Name,
        string? Url,
        string? SourcePath,
        long? Length,
        string RawJson)
    {
        /// <summary>What the service says the stored file is ("video", "audio", "image"), as it wrote it; null when it does not say.</summary>
        public string? MediaType { get; init; }
    }
}
