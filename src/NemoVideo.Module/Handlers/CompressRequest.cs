using System.Collections.Generic;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>Compress-NemoVideo's parameters.</summary>
    /// <param name="MaxSize">The ceiling in bytes (PowerShell's 50MB is 52,428,800).</param>
    /// <param name="Resolution">E.g. 720p; null keeps the source's.</param>
    /// <param name="ThrottleLimit">Files compressed at the same time.</param>
    public sealed record CompressRequest(
        IReadOnlyList<PathArgument> Inputs,
        long MaxSize,
        string OutputDirectory,
        string? Resolution,
        bool NoAudio,
        bool Force,
        int ThrottleLimit,
        string Language)
    {
        public const int DefaultThrottleLimit = 2;
    }
}
