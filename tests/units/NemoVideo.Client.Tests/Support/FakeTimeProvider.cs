namespace NemoVideo.Client.Tests.Support;

/// <summary>
/// A hand-written manual clock (Microsoft.Extensions.TimeProvider.Testing is not available here). Timers fire only
/// when the clock is advanced, except that timers due within <see cref="AutoAdvanceUpTo"/> advance the clock themselves,
/// which lets retry and polling code run straight through while every requested delay is recorded.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object gate = new();
    private readonly List<FakeTimer> timers = new();
    private readonly List<TimeSpan> delays = new();
    private DateTimeOffset now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private long elapsedTicks;

    /// <summary>Timers due within this fire at once, moving the clock forward by their due time. Null: manual only.</summary>
    public TimeSpan? AutoAdvanceUpTo { get; set; }

    /// <summary>Every finite due time a timer was given, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (gate)
            {
                return delays.ToList();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return elapsedTicks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        long target;
        lock (gate)
        {
            target = elapsedTicks + by.Ticks;
        }

        AdvanceTo(target);
    }

    /// <summary>
    /// Waits (for real, briefly) until a timer due exactly <paramref name="due"/> from now is pending, so the test
    /// advances the clock only once the code under test has armed that timer.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        // Generous: the machine may be busy with other builds; a missing timer still fails rather than hangs.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (gate)
            {
                if (timers.Any(timer => timer.DueAt - elapsedTicks == due.Ticks))
                {
                    return;
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"no timer due in {due} was scheduled");
    }

    private void AdvanceTo(long targetTicks)
    {
        while (true)
        {
            FakeTimer? due;
            lock (gate)
            {
                due = timers.Where(timer => timer.DueAt <= targetTicks).OrderBy(timer => timer.DueAt).FirstOrDefault();
                var step = Math.Max(0, (due?.DueAt ?? targetTicks) - elapsedTicks);
                elapsedTicks += step;
                now = now.AddTicks(step);
                if (due is null)
                {
                    return;
                }

                timers.Remove(due);
                if (due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan)
                {
                    due.DueAt = elapsedTicks + due.Period.Ticks;
                    timers.Add(due);
                }
            }

            due.Fire();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long dueAt;
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                Period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                owner.delays.Add(dueTime);
                DueAt = dueAt = owner.elapsedTicks + dueTime.Ticks;
                owner.timers.Add(this);
            }

            if (owner.AutoAdvanceUpTo is TimeSpan limit && dueTime <= limit)
            {
                // Off the caller's stack: the caller may not have stored the timer yet.
                ThreadPool.QueueUserWorkItem(_ => owner.AdvanceTo(dueAt));
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
