namespace NemoVideo.LocalServer.State;

/// <summary>One statement held back by <see cref="HeldWrites"/>: its SQL and its named parameters.</summary>
/// <param name="Additive">The statement adds to what is there (credits spent, a counter): running it twice counts twice.</param>
public sealed record HeldWrite(string Sql, (string Name, object? Value)[] Parameters, bool Additive = false);

/// <summary>
/// A store's writes, each written at once by <paramref name="writeAll"/> unless its thread has a scope open
/// (<see cref="IStateStore.WriteTogether"/>): then it is held until the outermost scope ends and written with the rest
/// of the scope in one transaction. Other threads write straight through meanwhile, and so does a task started inside
/// the scope (it runs elsewhere, perhaps after the scope). Only order-insensitive statements (inserts, counter
/// increments, credit amounts added) and rows the holder has locked in memory belong in a group: a held snapshot lands
/// later than a direct write made meanwhile.
/// </summary>
public sealed class HeldWrites(Action<IReadOnlyList<HeldWrite>> writeAll)
{
    /// <summary>A scope with nothing to hold, for a store that keeps nothing.</summary>
    public static readonly IDisposable NothingHeld = new EmptyScope();

    private readonly Action<IReadOnlyList<HeldWrite>> _writeAll = writeAll;
    private readonly ThreadLocal<List<HeldWrite>?> _held = new();

    /// <summary>Writes the statement now, or keeps it for the scope open on this thread.</summary>
    public void Write(string sql, (string Name, object? Value)[] parameters, bool additive = false)
    {
        var write = new HeldWrite(sql, parameters, additive);
        if (_held.Value is { } held)
        {
            held.Add(write);
        }
        else
        {
            _writeAll([write]);
        }
    }

    /// <summary>
    /// Opens a scope on this thread; disposing it writes what it held (nothing when it held nothing). A scope opened
    /// inside another joins it, so the outermost one decides when the writes land.
    /// </summary>
    /// <remarks>Synchronous code only: an <c>await</c> inside the scope could end it on another thread.</remarks>
    public IDisposable Open()
    {
        if (_held.Value is not null)
        {
            return NothingHeld;
        }

        var held = new List<HeldWrite>();
        _held.Value = held;
        return new Scope(this, held);
    }

    private sealed class Scope(HeldWrites owner, List<HeldWrite> held) : IDisposable
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
                owner._writeAll(held);
            }
        }
    }

    private sealed class EmptyScope : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
