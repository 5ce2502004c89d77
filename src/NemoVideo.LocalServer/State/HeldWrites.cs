namespace NemoVideo.LocalServer.State;

/// <summary>One statement held back by <see cref="HeldWrites"/>: its SQL and its named parameters.</summary>
public sealed record HeldWrite(string Sql, (string Name, object? Value)[] Parameters);

/// <summary>
/// The statements a store's caller asked to keep together (<see cref="IStateStore.WriteTogether"/>), held per thread
/// until the outermost scope ends and then handed over at once to be written in one transaction. Other threads write
/// straight through meanwhile, and so does a task started inside the scope (it runs elsewhere, perhaps after the scope). Only order-insensitive statements (inserts, counter increments, credit amounts added)
/// and rows the holder has locked in memory belong in a group: a held snapshot lands later than a direct write made meanwhile.
/// </summary>
public sealed class HeldWrites
{
    private readonly ThreadLocal<List<HeldWrite>?> _held = new();

    /// <summary>True when a scope is open on this thread: the statement is kept for it instead of written now.</summary>
    public bool TryHold(string sql, (string Name, object? Value)[] parameters)
    {
        if (_held.Value is not { } held)
        {
            return false;
        }

        held.Add(new HeldWrite(sql, parameters));
        return true;
    }

    /// <summary>
    /// Opens a scope on this thread; disposing it hands what it held to <paramref name="writeAll"/> (nothing when it held
    /// nothing). A scope opened inside another joins it, so the outermost one decides when the writes land.
    /// </summary>
    /// <remarks>Synchronous code only: an <c>await</c> inside the scope could end it on another thread.</remarks>
    public IDisposable Open(Action<IReadOnlyList<HeldWrite>> writeAll)
    {
        if (_held.Value is not null)
        {
            return Joined.Instance;
        }

        var held = new List<HeldWrite>();
        _held.Value = held;
        return new Scope(this, held, writeAll);
    }

    private sealed class Scope(HeldWrites owner, List<HeldWrite> held, Action<IReadOnlyList<HeldWrite>> writeAll) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            owner._held.Value = null;
            if (held.Count > 0)
            {
                writeAll(held);
            }
        }
    }

    private sealed class Joined : IDisposable
    {
        public static readonly Joined Instance = new();

        public void Dispose()
        {
        }
    }
}
