using NemoVideo.Compression;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Rendering;

/// <summary>What a render job compresses, and how.</summary>
public sealed record RenderWork(MediaItem Source, CompressionRequest Request);
