namespace NemoVideo.LocalServer.Uploads;

/// <summary>
/// Cancels a transfer that runs past its total time or that, over any window of <c>window</c>, moves fewer than
/// <c>minBytesPerSecond × window</c> bytes (the first window is the grace period for connecting and headers).
/// A stalled read is cancelled too, since the check runs on a timer rather than after each read.
/// </summary>
internal sealed class TransferWatchdog : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Timer _timer;
    private readonly Timer _deadline;
    private readonly long _minimumPerWindow;
    private readonly TimeSpan _window;
    private long _bytesThisWindow;
    private string? _fired;

    public TransferWatchdog(TimeSpan total, long minBytesPerSecond, TimeSpan window, CancellationToken outer)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _window = window;
        _minimumPerWindow = (long)(minBytesPerSecond * window.TotalSeconds);
        _timer = new Timer(_ => CheckRate(), null, window > TimeSpan.Zero && minBytesPerSecond > 0 ? window : Timeout.InfiniteTimeSpan, window);
        _deadline = new Timer(_ => Fire($"it did not finish within {total.TotalSeconds:0.#} s."), null,
            total > TimeSpan.Zero ? total : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Why the watchdog ended the transfer, or null if it did not.</summary>
    public string? Fired => Volatile.Read(ref _fired);

    public void Count(int bytes) => Interlocked.Add(ref _bytesThisWindow, bytes);

    public void Dispose()
    {
        _timer.Dispose();
        _deadline.Dispose();
        _cancellation.Dispose();
    }

    private void CheckRate()
    {
        var moved = Interlocked.Exchange(ref _bytesThisWindow, 0);
        if (moved < _minimumPerWindow)
        {
            Fire($"it sent {moved:N0} bytes in {_window.TotalSeconds:0.#} s, below the minimum rate of "
                + $"{_minimumPerWindow / Math.Max(_window.TotalSeconds, 0.001):N0} bytes/s.");
        }
    }

    private void Fire(string reason)
    {
        if (Interlocked.CompareExchange(ref _fired, reason, null) is null)
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The transfer ended at the same moment.
            }
        }
    }
}
