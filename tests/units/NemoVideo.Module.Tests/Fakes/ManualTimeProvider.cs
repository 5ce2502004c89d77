namespace NemoVideo.Module.Tests.Fakes;

/// <summary>A clock that moves only when a test says so (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long ticks = DateTimeOffset.Parse("2026-03-01T12:00:00Z").UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
