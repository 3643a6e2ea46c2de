using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Tests;

/// <summary>What the retry policy repeats, and how long it pauses; no clock is read.</summary>
public class RetryPolicyTests
{
    private static RbRetryPolicy Policy(int maxRetries = 5) => new(maxRetries, TimeSpan.FromMilliseconds(100),
        new RbRetryBudget(), seed: 7);

    public static TheoryData<string, Exception, string> Failures() => new()
    {
        { "HTTP 503", new RbTransportException("x", "/p", 503), "NotActed" },
        { "HTTP 429", new RbTransportException("x", "/p", 429), "NotActed" },
        { "code 610", new RbApiException(610, "expired", "/p", null), "NotActed" },
        { "refused connection", new RbTransportException("x", "/p") { NotSent = true }, "NotActed" },
        { "HTTP 502", new RbTransportException("x", "/p", 502), "Ambiguous" },
        { "dropped connection", new RbTransportException("x", "/p"), "Ambiguous" },
        { "time-out", new RbTransportException("x", "/p") { IsTimeout = true }, "Ambiguous" },
        { "code 500", new RbApiException(500, "oops", "/p", null), "Ambiguous" },
        { "HTML page", new RbProtocolException("x", "/p") { NotEnvelope = true }, "Ambiguous" },
        { "code 100", new RbApiException(100, "cannot", "/p", null), "Final" },
        { "code 611", new RbApiException(611, "bad key", "/p", null), "Final" },
        { "HTTP 404", new RbTransportException("x", "/p", 404), "Final" },
        { "paging broken", new RbProtocolException("x", "/p"), "Final" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_classed_by_whether_the_service_may_have_acted(string what, Exception error,
        string expected)
        => Assert.True(expected == RbRetryPolicy.Classify(error).ToString(),
            $"{what}: {RbRetryPolicy.Classify(error)}");

    [Fact]
    public void A_write_that_acts_again_is_repeated_only_when_the_service_did_not_act()
    {
        foreach (var op in RbCatalog.All)
        {
            Assert.True(RbRetryPolicy.MayRepeat(op, RbFailure.NotActed), op.Name);
            Assert.Equal(op.Repeat != RbRepeat.NonIdempotentWrite, RbRetryPolicy.MayRepeat(op, RbFailure.Ambiguous));
            Assert.False(RbRetryPolicy.MayRepeat(op, RbFailure.Final));
        }
    }

    [Fact]
    public void Pauses_are_drawn_under_a_doubling_ceiling_that_stops_at_the_cap()
    {
        var policy = Policy(maxRetries: 10);
        var error = new RbTransportException("x", "/p", 503);
        var pauses = Enumerable.Range(1, 10).Select(n => policy.PauseBefore(n, RbCatalog.GetTaskList, error,
            RbFailure.NotActed)!.Value).ToList();
        for (var n = 1; n <= 10; n++)
        {
            var ceiling = Math.Min(RbRetryPolicy.MaxPause.TotalMilliseconds, 100 * Math.Pow(2, n - 1));
            Assert.InRange(pauses[n - 1].TotalMilliseconds, 0, ceiling);
        }
        // full jitter: the draws differ
        Assert.True(pauses.Distinct().Count() > 5);
        Assert.Null(policy.PauseBefore(11, RbCatalog.GetTaskList, error, RbFailure.NotActed));
    }

    [Fact]
    public void A_Retry_After_is_honoured_up_to_the_cap()
    {
        var policy = Policy();
        var asked = new RbTransportException("x", "/p", 429) { RetryAfter = TimeSpan.FromSeconds(3) };
        Assert.Equal(TimeSpan.FromSeconds(3), policy.PauseBefore(1, RbCatalog.StopTask, asked, RbFailure.NotActed));
        var greedy = new RbTransportException("x", "/p", 429) { RetryAfter = TimeSpan.FromHours(1) };
        Assert.Equal(RbRetryPolicy.MaxPause, policy.PauseBefore(1, RbCatalog.StopTask, greedy, RbFailure.NotActed));
    }

    [Fact]
    public void The_budget_runs_out_under_failures_and_fills_again_with_successes()
    {
        var budget = new RbRetryBudget();
        var taken = 0;
        while (budget.TryTake(RbRetryBudget.RetryCost)) taken++;
        Assert.Equal(RbRetryBudget.Capacity / RbRetryBudget.RetryCost, taken);
        var policy = new RbRetryPolicy(5, TimeSpan.FromMilliseconds(1), budget);
        Assert.Null(policy.PauseBefore(1, RbCatalog.GetTaskList, new RbTransportException("x", "/p", 503),
            RbFailure.NotActed));
        for (var i = 0; i < RbRetryBudget.RetryCost; i++) budget.Succeeded(afterRetry: false);
        Assert.NotNull(policy.PauseBefore(1, RbCatalog.GetTaskList, new RbTransportException("x", "/p", 503),
            RbFailure.NotActed));
    }
}
