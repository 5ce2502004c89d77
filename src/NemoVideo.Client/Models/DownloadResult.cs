namespace NemoVideo.Client
{
    /// <summary>A finished download: the final path (already renamed from its temporary name) and its size.</summary>
    public sealed record DownloadResult(string Path, long Length, string RenderId);
}
