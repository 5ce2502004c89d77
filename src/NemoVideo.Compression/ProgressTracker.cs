using System.Globalization;

namespace NemoVideo.Compression;

/// <summary>Turns ffmpeg's -progress key=value lines into one overall 0..1 fraction across several runs,
/// never going backwards (a re-run of pass 2 must not make the bar jump back).</summary>
internal sealed class ProgressTracker
{
    private readonly IProgress<double>? _sink;
    private readonly double _outputSeconds;
    private double _reported;

    public ProgressTracker(IProgress<double>? sink, double outputSeconds)
    {
        _sink = sink;
        _outputSeconds = outputSeconds;
    }

    /// <summary>A line handler for one ffmpeg run whose own 0..1 maps onto [from, to] of the whole job.</summary>
    public Action<string> Stage(double from, double to) => line =>
    {
        if (ParseSeconds(line) is { } seconds && _outputSeconds > 0)
        {
            Report(from + ((to - from) * Math.Clamp(seconds / _outputSeconds, 0, 1)));
        }
        else if (line == "progress=end")
        {
            Report(to);
        }
    };

    /// <summary>A run that takes <paramref name="share"/> of what is left before the finishing steps (0.99): an extra run
    /// nobody planned for (a correction, a handover to two passes) still moves the bar instead of finding it at its end.</summary>
    public Action<string> Next(double share) => Stage(_reported, _reported + ((LastRunEnd - _reported) * share));

    /// <summary>Where the encodes end; probing and renaming the output take the rest.</summary>
    internal const double LastRunEnd = 0.99;

    /// <summary>Where a further run can start: what has been reported so far.</summary>
    public double Current => _reported;

    public void Report(double fraction)
    {
        if (fraction > _reported)
        {
            _reported = fraction;
            _sink?.Report(fraction);
        }
    }

    internal static double? ParseSeconds(string line)
    {
        // ffmpeg 5.x writes both; out_time_ms is also in microseconds despite its name.
        const string key = "out_time_us=";
        return line.StartsWith(key, StringComparison.Ordinal)
            && long.TryParse(line.AsSpan(key.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds)
            ? microseconds / 1_000_000.0
            : null;
    }
}
