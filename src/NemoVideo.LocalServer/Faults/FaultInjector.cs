namespace NemoVideo.LocalServer.Faults;

/// <summary>Decides, one opportunity at a time, whether a configured fault fires. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Dictionary<FaultKind, int> _remaining = new();
    private readonly Dictionary<FaultKind, double> _rates = new();
    private readonly Random _random;
    private readonly Diagnostics.ServerStats? _stats;

    public FaultInjector(IEnumerable<FaultRule> rules, int? seed, Diagnostics.ServerStats? stats = null)
    {
        _stats = stats;
        _random = seed is int value ? new Random(value) : new Random();
        foreach (var rule in rules)
        {
            if (rule.Count is int count)
            {
                _remaining[rule.Kind] = _remaining.GetValueOrDefault(rule.Kind) + count;
            }
            else if (rule.Rate is double rate)
            {
                _rates[rule.Kind] = rate;
            }
        }
    }

    public bool ShouldInject(FaultKind kind)
    {
        bool fire;
        lock (_gate)
        {
            if (_remaining.TryGetValue(kind, out var left) && left > 0)
            {
                _remaining[kind] = left - 1;
                fire = true;
            }
            else
            {
                fire = _rates.TryGetValue(kind, out var rate) && _random.NextDouble() < rate;
            }
        }

        if (fire)
        {
            _stats?.FaultFired(kind);
        }

        return fire;
    }
}
