namespace NemoVideo.Client.Tests.Support;

/// <summary>Records reports synchronously, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
public sealed class ListProgress<T> : IProgress<T>
{
    private readonly List<T> items = new();
    private readonly Action<T>? onReport;

    public ListProgress(Action<T>? onReport = null)
    {
        this.onReport = onReport;
    }

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (items)
            {
                return items.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (items)
        {
            items.Add(value);
        }

        onReport?.Invoke(value);
    }
}
