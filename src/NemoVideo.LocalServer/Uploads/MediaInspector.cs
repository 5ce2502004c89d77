using System.Diagnostics;
using System.Globalization;
using NemoVideo.Compression;
using NemoVideo.LocalServer.Sessions;

namespace NemoVideo.LocalServer.Uploads;

/// <summary>What ffprobe found in an upload; null from <see cref="MediaInspector.InspectAsync"/> means "not readable media".</summary>
public sealed record MediaFacts(long? DurationMs, int? Width, int? Height, bool HasAudio);

/// <summary>
/// Probes uploads with ffprobe. Videos go through the engine's <see cref="MediaProber"/> (the same reading the render
/// will use); audio and images, which the engine does not compress, only need to show a stream of their kind.
/// </summary>
public sealed class MediaInspector
{
    private readonly Lazy<FfmpegTools> _tools = new(() => FfmpegTools.Locate());

    public async Task<MediaFacts?> InspectAsync(string path, MediaKind kind, CancellationToken cancellationToken)
    {
        if (kind == MediaKind.Video)
        {
            try
            {
                var info = await new MediaProber(_tools.Value).ProbeAsync(path, cancellationToken);
                return new MediaFacts((long)Math.Round(info.DurationSeconds * 1000), info.Video.DisplayWidth,
                    info.Video.DisplayHeight, info.Audio is not null);
            }
            catch (CompressionException error) when (error.Kind == CompressionFailure.NotMedia)
            {
                return null;
            }
        }

        var (streamType, entries) = kind == MediaKind.Audio ? ("audio", "codec_type,duration") : ("video", "codec_type,width,height");
        var lines = await ProbeStreamsAsync(path, entries, cancellationToken);
        var stream = lines.Select(line => line.Split(',')).FirstOrDefault(fields => fields[0] == streamType);
        if (stream is null)
        {
            return null;
        }

        return kind == MediaKind.Audio
            ? new MediaFacts(DurationMs(stream, 1), null, null, true)
            : new MediaFacts(null, Int(stream, 1), Int(stream, 2), false);
    }

    /// <summary>One comma-separated line of <paramref name="entries"/> per stream.</summary>
    private async Task<string[]> ProbeStreamsAsync(string path, string entries, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_tools.Value.FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-v", "error", "-show_entries", "stream=" + entries, "-of", "csv=p=0", "--", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffprobe did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await errors;
        return process.ExitCode == 0 ? (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    private static int? Int(string[] fields, int index) =>
        fields.Length > index && int.TryParse(fields[index], CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? DurationMs(string[] fields, int index) =>
        fields.Length > index && double.TryParse(fields[index], CultureInfo.InvariantCulture, out var seconds)
            ? (long)Math.Round(seconds * 1000)
            : null;
}
