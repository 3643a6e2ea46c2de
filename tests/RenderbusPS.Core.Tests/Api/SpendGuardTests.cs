using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// RbSpendGuard against the emulator's farm: frames end and are billed as its clock moves, and the guard stops each
/// task whose cost has passed the limit, once, whatever the network does to the stop.
/// </summary>
public class SpendGuardTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 600, seed: 8);

    public void Dispose() => t.Dispose();

    /// <summary>A waiter on every rendering task, polled after the farm's clock moved on by four minutes.</summary>
    private async Task<(RbTaskWaiter Waiter, RbWaitPoll Poll)> RenderFourMinutes()
    {
        var rendering = await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering } })
            .ReadAllAsync(default);
        Assert.True(rendering.Count > 20, "needs a few rendering tasks, has " + rendering.Count);
        var ids = rendering.Select(x => x.Id);
        var waiter = new RbTaskWaiter(new TasksApi(t.Client), ids, null, TimeSpan.FromSeconds(1), any: false);
        var before = await waiter.PollAsync(default);
        t.Emulator.Advance(TimeSpan.FromMinutes(4));
        var poll = await waiter.PollAsync(default);
        var going = poll.Unfinished.Count();
        Assert.True(going > 10, $"{going} of {poll.Tasks.Count} tasks still render");
        Assert.True(poll.Tasks.Sum(x => x.Cost) > before.Tasks.Sum(x => x.Cost), "the farm billed nothing");
        return (waiter, poll);
    }

    /// <summary>A limit that half the tasks still going have passed.</summary>
    private static decimal Median(RbWaitPoll poll)
        => poll.Unfinished.Select(x => x.Cost).OrderBy(c => c).ElementAt(poll.Unfinished.Count() / 2);

    /// <summary>How many times the account's operation log says each task was stopped.</summary>
    private async Task<Dictionary<string, int>> StopsByAlias()
    {
        var query = new RbLogQuery { Before = t.Emulator.Now.AddHours(1) };
        var records = await new AccountApi(t.Client).OperationLog(query).ReadAllAsync(default);
        return records.Where(r => r.Action == "btn_stop").SelectMany(r => r.TaskAliases)
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task Tasks_over_the_limit_are_stopped_once_and_the_others_render_on()
    {
        var (waiter, poll) = await RenderFourMinutes();
        var guard = new RbSpendGuard(new TasksApi(t.Client), Median(poll));
        var over = guard.Over(poll);
        Assert.NotEmpty(over);
        Assert.All(over, x => Assert.True(x.Cost > guard.Limit, x.ToString()));
        Assert.Equal(poll.Unfinished.Count(x => x.Cost > guard.Limit), over.Count);
        Assert.Empty(guard.Over(poll));

        var results = await guard.StopAsync(over, default);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(over, x => Assert.True(guard.HasStopped(x.Id)));

        var next = await waiter.PollAsync(default);
        Assert.Empty(guard.Over(next));
        var stoppedIds = over.Select(x => x.Id).ToHashSet();
        Assert.All(next.Tasks.Where(x => stoppedIds.Contains(x.Id)), x => Assert.Equal(RbTaskStatus.Stopped, x.Status));
        Assert.Contains(next.Tasks, x => !stoppedIds.Contains(x.Id) && x.Status == RbTaskStatus.Rendering);
        var stops = await StopsByAlias();
        Assert.Equal(over.Select(x => x.Alias!).OrderBy(a => a), stops.Keys.OrderBy(a => a));
        Assert.All(stops.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_stop_whose_answer_was_lost_is_sent_again_by_the_client_and_still_stops_each_task_once()
    {
        var (waiter, poll) = await RenderFourMinutes();
        var guard = new RbSpendGuard(new TasksApi(t.Client), Median(poll));
        t.Emulator.Faults.Add(new RbFault { Operation = "stopTask", LoseAnswer = true });
        t.Emulator.ClearRequests();

        var over = guard.Over(poll);
        var results = await guard.StopAsync(over, default);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, t.Emulator.Requests.Count(r => r.Operation == "stopTask"));
        t.Emulator.Advance(TimeSpan.FromMinutes(30));
        var later = await waiter.PollAsync(default);
        var mine = later.Tasks.Where(x => over.Any(o => o.Id == x.Id));
        Assert.All(mine, x => Assert.Equal(RbTaskStatus.Stopped, x.Status));
        Assert.DoesNotContain(guard.Over(later), x => over.Any(o => o.Id == x.Id));
        var stops = await StopsByAlias();
        Assert.Equal(over.Count, stops.Count);
        Assert.All(stops.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_stop_that_failed_on_the_way_is_offered_again_while_the_task_still_renders_and_then_done_once()
    {
        var (waiter, poll) = await RenderFourMinutes();
        var guard = new RbSpendGuard(new TasksApi(t.Client), Median(poll));
        // more failures than the client's retries: the stop fails
        t.Emulator.Faults.Add(new RbFault { Operation = "stopTask", Count = 20, Code = 500 });
        var over = guard.Over(poll);
        var failed = await guard.StopAsync(over, default);
        Assert.All(failed, r => Assert.False(r.Succeeded));
        Assert.All(over, x => Assert.False(guard.HasStopped(x.Id)));
        t.Emulator.Faults.Clear();

        var again = guard.Over(await waiter.PollAsync(default));
        Assert.Equal(over.Select(x => x.Id).OrderBy(id => id), again.Select(x => x.Id).OrderBy(id => id));
        Assert.All(await guard.StopAsync(again, default), r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Empty(guard.Over(await waiter.PollAsync(default)));
        var stops = await StopsByAlias();
        Assert.Equal(over.Count, stops.Count);
        Assert.All(stops.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_task_that_ends_before_the_stop_is_refused_for_itself_and_not_offered_again()
    {
        var (waiter, poll) = await RenderFourMinutes();
        var guard = new RbSpendGuard(new TasksApi(t.Client), 0m);
        var over = guard.Over(poll);
        var first = over[0];
        // someone else stops it between the poll and the guard's stop
        await new TasksApi(t.Client).StopAsync(new[] { first.Id }, default);
        var results = await guard.StopAsync(over, default);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(first.Id, refused.Id);
        Assert.IsType<RbValidationException>(refused.Error);
        Assert.DoesNotContain(guard.Over(await waiter.PollAsync(default)), x => x.Id == first.Id);
    }

    [Fact]
    public void A_negative_limit_is_refused_before_anything_is_sent()
    {
        t.Emulator.ClearRequests();
        var error = Assert.Throws<RbValidationException>(() => new RbSpendGuard(new TasksApi(t.Client), -0.01m));
        Assert.Equal("Rb.InvalidCostLimit", error.ErrorId);
        Assert.Equal("CostLimit", error.ParamName);
        Assert.Empty(t.Emulator.Requests);
    }
}
