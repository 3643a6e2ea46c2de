using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>The emulator's bad network: rates checked, draws replayable whatever the order of requests.</summary>
public class FaultRateTests
{
    [Fact]
    public void Rates_are_checked_and_draws_depend_on_the_request_not_the_order()
    {
        var rates = new RbFaultRates { Seed = 3 };
        Assert.Throws<ArgumentOutOfRangeException>(() => rates.Unavailable = 1.5);
        rates.Unavailable = 0.6;
        Assert.Throws<ArgumentOutOfRangeException>(() => rates.Dropped = 0.5);
        Assert.Throws<ArgumentException>(() => rates.Set(new Dictionary<string, double> { ["Sometimes"] = 0.1 }));
        rates.Dropped = 0.3;

        var bodies = Enumerable.Range(0,
            200).Select(i => System.Text.Encoding.UTF8.GetBytes("{\"pageNum\":" + i + "}")).ToList();
        var forward = bodies.Select(b => rates.Draw("getTaskList", b)).ToList();
        rates.Clear();
        rates.Unavailable = 0.6;
        rates.Dropped = 0.3;
        var backward = Enumerable.Reverse(bodies).Select(b => rates.Draw("getTaskList", b)).Reverse().ToList();
        Assert.Equal(forward, backward);
        Assert.InRange(forward.Count(k => k == RbFaultKind.Unavailable), 90, 150);
        Assert.InRange(forward.Count(k => k == RbFaultKind.Dropped), 40, 80);
        // the same request sent again draws anew
        Assert.NotEqual(1, Enumerable.Range(0, 20).Select(_ => rates.Draw("x", bodies[0])).Distinct().Count());
    }
}
