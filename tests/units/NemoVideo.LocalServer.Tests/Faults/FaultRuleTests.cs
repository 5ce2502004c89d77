using NemoVideo.LocalServer.Faults;

namespace NemoVideo.LocalServer.Tests.Faults;

public class FaultRuleTests
{
    [Theory]
    [InlineData("rate-limit:count=3", FaultKind.RateLimit, 3, null)]
    [InlineData("server-error:rate=0.25", FaultKind.ServerError, null, 0.25)]
    [InlineData("drop-stream", FaultKind.DropStream, 1, null)]
    [InlineData("empty-reply:count=2", FaultKind.EmptyReply, 2, null)]
    [InlineData("fail-render:rate=1", FaultKind.FailRender, null, 1.0)]
    [InlineData("slow-render:count=1", FaultKind.SlowRender, 1, null)]
    [InlineData("expire-token:count=1", FaultKind.ExpireToken, 1, null)]
    [InlineData("drop-download:count=1", FaultKind.DropDownload, 1, null)]
    public void ParsesEveryKindByCountOrRate(string text, FaultKind kind, int? count, double? rate) =>
        Assert.Equal(new FaultRule(kind, count, rate), FaultRule.Parse(text));

    [Theory]
    [InlineData("meteor-strike:count=1")]
    [InlineData("rate-limit:count=0")]
    [InlineData("rate-limit:rate=1.5")]
    [InlineData("rate-limit:often")]
    public void RejectsWhatItCannotRead(string text) =>
        Assert.Throws<FormatException>(() => FaultRule.Parse(text));

    [Fact]
    public void ACountedFaultFiresExactlyThatManyTimes()
    {
        var injector = new FaultInjector([FaultRule.Times(FaultKind.RateLimit, 2)], seed: null);

        var fired = Enumerable.Range(0, 5).Select(_ => injector.ShouldInject(FaultKind.RateLimit)).ToList();

        Assert.Equal([true, true, false, false, false], fired);
        Assert.False(injector.ShouldInject(FaultKind.ServerError));
    }

    [Fact]
    public void ARateIsRepeatableWithASeed()
    {
        var first = new FaultInjector([FaultRule.WithRate(FaultKind.ServerError, 0.3)], seed: 42);
        var second = new FaultInjector([FaultRule.WithRate(FaultKind.ServerError, 0.3)], seed: 42);

        var a = Enumerable.Range(0, 200).Select(_ => first.ShouldInject(FaultKind.ServerError)).ToList();
        var b = Enumerable.Range(0, 200).Select(_ => second.ShouldInject(FaultKind.ServerError)).ToList();

        Assert.Equal(a, b);
        Assert.InRange(a.Count(fired => fired), 40, 80);
    }
}
