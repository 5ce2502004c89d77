using System.Collections.Concurrent;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Accounts;

/// <summary>Credits per client. Unlimited unless <see cref="LocalServerOptions.StartingCredits"/> is set.</summary>
public sealed class CreditLedger(LocalServerOptions options, State.IStateStore? store = null)
{
    private readonly State.IStateStore _store = store ?? State.InMemoryStateStore.Instance;

    /// <summary>What an unlimited ledger reports: large, yet it fits a 32-bit integer in any client.</summary>
    public const long UnlimitedBalance = 999_999_999;

    private readonly ConcurrentDictionary<string, long> _spent = new(StringComparer.Ordinal);

    public CreditBalance BalanceOf(string clientId)
    {
        if (options.StartingCredits is not long total)
        {
            return new CreditBalance(UnlimitedBalance, 0, UnlimitedBalance);
        }

        var available = Math.Max(0, total - _spent.GetValueOrDefault(clientId));
        return new CreditBalance(available, 0, total);
    }

    public bool CanAfford(string clientId, long cost) => BalanceOf(clientId).Available >= cost;

    /// <summary>Takes <paramref name="cost"/> credits; false (and nothing taken) when the balance is short.</summary>
    public bool TryCharge(string clientId, long cost)
    {
        if (options.StartingCredits is not long total)
        {
            return true;
        }

        var charged = false;
        _spent.AddOrUpdate(
            clientId,
            _ => (charged = cost <= total) ? cost : 0,
            (_, spent) => (charged = spent + cost <= total) ? spent + cost : spent);
        if (charged)
        {
            Persist(clientId);
        }

        return charged;
    }

    /// <summary>Gives back a charge for work that was then not done.</summary>
    public void Refund(string clientId, long cost)
    {
        if (options.StartingCredits is not null)
        {
            _spent.AddOrUpdate(clientId, 0, (_, spent) => Math.Max(0, spent - cost));
            Persist(clientId);
        }
    }

    /// <summary>Takes back the credits spent per client that the state store kept.</summary>
    internal void Restore(State.StoredState state)
    {
        foreach (var (clientId, spent) in state.CreditsSpent)
        {
            _spent[clientId] = spent;
        }
    }

    /// <summary>
    /// Writes the client's current figure (not the change), so two charges racing write the same final value whichever
    /// lands last; the lock keeps a stale read from landing after a newer one.
    /// </summary>
    private void Persist(string clientId)
    {
        lock (_persistGate)
        {
            _store.SaveCreditsSpent(clientId, _spent.GetValueOrDefault(clientId));
        }
    }

    private readonly object _persistGate = new();
}

public sealed record CreditBalance(long Available, long Frozen, long Total);
