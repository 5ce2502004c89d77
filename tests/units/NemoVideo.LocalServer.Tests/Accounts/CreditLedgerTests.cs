using NemoVideo.LocalServer.Accounts;
using NemoVideo.LocalServer.Hosting;

namespace NemoVideo.LocalServer.Tests.Accounts;

public class CreditLedgerTests
{
    [Fact]
    public void AnUnlimitedLedgerNeverCharges()
    {
        var ledger = new CreditLedger(new LocalServerOptions());

        Assert.True(ledger.TryCharge("client", 1_000_000));
        Assert.Equal(new CreditBalance(CreditLedger.UnlimitedBalance, 0, CreditLedger.UnlimitedBalance), ledger.BalanceOf("client"));
    }

    [Fact]
    public void ALimitedLedgerChargesEachClientUntilItRunsOut()
    {
        var ledger = new CreditLedger(new LocalServerOptions { StartingCredits = 100 });

        Assert.True(ledger.TryCharge("a", 60));
        Assert.False(ledger.TryCharge("a", 50));
        Assert.Equal(40, ledger.BalanceOf("a").Available);
        Assert.Equal(100, ledger.BalanceOf("b").Available);
        Assert.True(ledger.CanAfford("a", 40));
        Assert.False(ledger.CanAfford("a", 41));
    }
}
