namespace NemoVideo.Compression;

/// <summary>Where ffmpeg and ffprobe live: explicit paths win, then NEMO_FFMPEG / NEMO_FFPROBE, then PATH.</summary>
public sealed record FfmpegTools(string FfmpegPath, string FfprobePath)
{
    public static FfmpegTools Locate(string? ffmpegPath = null, string? ffprobePath = null) =>
        new(Resolve(ffmpegPath, "NEMO_FFMPEG", "ffmpeg"), Resolve(ffprobePath, "NEMO_FFPROBE", "ffprobe"));

    private static string Resolve(string? explicitPath, string environmentVariable, string toolName)
    {
        var chosen = explicitPath ?? Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return File.Exists(chosen)
                ? chosen
                : throw new CompressionException(CompressionFailure.ToolMissing,
                    $"{toolName} was configured at '{chosen}' but no file is there. Fix the path or unset {environmentVariable}.", chosen);
        }

        return FindOnPath(toolName) ?? throw new CompressionException(CompressionFailure.ToolMissing,
            $"{toolName} was not found on PATH. Install ffmpeg (Debian: apt-get install ffmpeg) or set {environmentVariable}.", toolName);
    }

    private static string? FindOnPath(string toolName)
    {
        var names = OperatingSystem.IsWindows() ? new[] { toolName + ".exe" } : new[] { toolName };
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(directory => names.Select(name => System.IO.Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
