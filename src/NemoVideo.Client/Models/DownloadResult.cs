using System;
using System.Collections.Generic;

namespace NemoVideo.Client
{
    /// <summary>A finished download: the final path (already renamed from its temporary name) and its size.</summary>
    public sealed record DownloadResult(string Path, long Length, string RenderId)
    {
        /// <summary>The render's notes (see <see cref="RenderJob.Notes"/>).</summary>
        public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

        /// <summary>The render's warnings (see <see cref="RenderJob.Warnings"/>).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
    }
}
