using System.Globalization;

namespace NemoVideo.LocalServer.Faults;

/// <summary>
/// When to inject one kind of fault: the next <see cref="Count"/> opportunities, or each opportunity with
/// probability <see cref="Rate"/>. Written on the command line as <c>kind:count=N</c> or <c>kind:rate=0.25</c>.
/// </summary>
public sealed record FaultRule(FaultKind Kind, int? Count, double? Rate)
{
    private static readonly Dictionary<string, FaultKind> KindsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rate-limit"] = FaultKind.RateLimit,
        ["server-error"] = FaultKind.ServerError,
        ["drop-stream"] = FaultKind.DropStream,
        ["empty-reply"] = FaultKind.EmptyReply,
        ["fail-render"] = FaultKind.FailRender,
        ["slow-render"] = FaultKind.SlowRender,
        ["expire-token"] = FaultKind.ExpireToken,
        ["drop-download"] = FaultKind.DropDownload,
        ["slow-agent"] = FaultKind.SlowAgent,
        ["slow-download"] = FaultKind.SlowDownload,
    };

    public static IReadOnlyCollection<string> KindNames => KindsByName.Keys;

    /// <summary>The command-line name of <paramref name="kind"/>, e.g. drop-stream.</summary>
    public static string NameOf(FaultKind kind) => KindsByName.First(pair => pair.Value == kind).Key;

    public static FaultRule Times(FaultKind kind, int count) => new(kind, count, null);

    public static FaultRule WithRate(FaultKind kind, double rate) => new(kind, null, rate);

    /// <exception cref="FormatException">The text is not <c>kind:count=N</c> or <c>kind:rate=R</c>.</exception>
    public static FaultRule Parse(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (!KindsByName.TryGetValue(parts[0], out var kind))
        {
            throw new FormatException(
                $"Unknown fault kind '{parts[0]}'. Known kinds: {string.Join(", ", KindNames)}.");
        }

        if (parts.Length == 1)
        {
            return Times(kind, 1);
        }

        var setting = parts[1].Split('=', 2, StringSplitOptions.TrimEntries);
        if (setting.Length == 2 && setting[0] == "count"
            && int.TryParse(setting[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return Times(kind, count);
        }

        if (setting.Length == 2 && setting[0] == "rate"
            && double.TryParse(setting[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            && rate is > 0 and <= 1)
        {
            return WithRate(kind, rate);
        }

        throw new FormatException(
            $"Fault '{text}' must be '{parts[0]}:count=N' (N ≥ 1) or '{parts[0]}:rate=R' (0 < R ≤ 1).");
    }
}
