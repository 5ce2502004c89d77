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

    /// <summary>
    /// Takes <paramref name="cost"/> credits; false (and nothing taken) when the balance is short. The store is told the
    /// amount, not the new total, so charges of one client racing in two sessions are all kept whichever lands first.
    /// </summary>
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
            _store.AddCreditsSpent(clientId, cost);
        }

        return charged;
    }

    /// <summary>Takes back the credits spent per client that the state store kept.</summary>
    internal void Restore(State.StoredState state)
    {
        foreach (var (clientId, spent) in state.CreditsSpent)
        {
            _spent[clientId] = spent;
        }
    }
}

public sealed record CreditBalance(long Available, long Frozen, long Total);
