using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>RbTaskWaiter against the rendering emulator: polls 100 ids a call, ends when all (or any) tasks end, or at
/// the time-out.</summary>
public class WaitTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 1500, seed: 8);

    public void Dispose() => t.Dispose();

    private Task<IReadOnlyList<RbTask>> Busy()
        => new TasksApi(t.Client).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting } }).ReadAllAsync(default);

    [Fact]
    public async Task Waits_for_more_than_a_hundred_tasks_until_every_one_has_ended_polling_a_hundred_ids_a_call()
    {
        var busy = await Busy();
        Assert.True(busy.Count > 150, "needs more than one call's worth of busy tasks, has " + busy.Count);
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client), busy.Select(x => x.Id), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(0.5),
            any: false);
        t.Emulator.ClearRequests();
        var first = await waiter.PollAsync(default);
        Assert.False(first.IsDone);
        Assert.Equal(busy.Count, first.Tasks.Count);
        Assert.Equal((busy.Count + 99) / 100, t.Emulator.Requests.Count(r => r.Operation == "queryTaskInfo"));
        Assert.All(t.Emulator.Requests, r => Assert.InRange(r.IdCount, 1, 100));

        t.Emulator.Speed = 1500;
        RbWaitPoll poll;
        var polls = 1;
        do
        {
            await waiter.DelayAsync(default);
            poll = await waiter.PollAsync(default);
            polls++;
        }
        while (!poll.IsDone && !waiter.IsTimedOut);
        t.Emulator.Speed = 0;
        Assert.True(poll.IsDone, $"not done after {polls} polls: {poll.Unfinished.Count()} unfinished");
        Assert.Equal(busy.Count, poll.Ended.Count());
        Assert.All(poll.Tasks, x => Assert.True(RbTaskWaiter.HasEnded(x.Status), x.ToString()));
        Assert.True(polls > 2, "the farm should have needed several polls, took " + polls);
    }

    [Fact]
    public async Task Waiting_for_any_returns_at_the_first_task_that_ends_while_the_others_still_render()
    {
        var busy = (await Busy()).Where(x => x.Status == RbTaskStatus.Rendering).Take(20).ToList();
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client), busy.Select(x => x.Id), null, TimeSpan.FromSeconds(0.5), any: true);
        Assert.False((await waiter.PollAsync(default)).IsDone);
        RbWaitPoll poll;
        do
        {
            t.Emulator.Advance(TimeSpan.FromSeconds(20));
            poll = await waiter.PollAsync(default);
        }
        while (!poll.IsDone);
        Assert.NotEmpty(poll.Ended);
        Assert.NotEmpty(poll.Unfinished);
        Assert.Equal(busy.Count, poll.Tasks.Count);
    }

    [Fact]
    public async Task A_time_out_ends_the_wait_with_the_unfinished_tasks_and_an_error_for_each()
    {
        var busy = (await Busy()).Take(3).ToList();
        // The test's clock starts before the waiter's, so it can only read as long or longer than the waiter's own.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client), busy.Select(x => x.Id), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(0.5),
            any: false);
        RbWaitPoll poll;
        do
        {
            poll = await waiter.PollAsync(default);
            if (!poll.IsDone && !waiter.IsTimedOut) await waiter.DelayAsync(default);
        }
        while (!poll.IsDone && !waiter.IsTimedOut);
        // the waiter's clock read first: the test's, started earlier and read later, cannot show less
        var waited = waiter.Elapsed;
        var seen = started.Elapsed;
        Assert.InRange(waited, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(5));
        Assert.True(seen >= waited, $"the waiter stopped at {waited} by its clock, {seen} by the test's");
        Assert.False(poll.IsDone);
        Assert.Equal(3, poll.Unfinished.Count());
        var error = waiter.TimeoutError(poll.Unfinished.First());
        Assert.Equal("Rb.WaitTimeout", error.ErrorId);
        Assert.Contains(poll.Unfinished.First().Alias!, error.Message);
    }

    [Fact]
    public async Task Unknown_ids_drop_out_once_with_TaskNotFound_and_bad_settings_are_refused_before_any_request()
    {
        var one = (await Busy()).First();
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client), new[] { one.Id, 987654321L }, null, TimeSpan.FromSeconds(1), any: false);
        var poll = await waiter.PollAsync(default);
        var missing = Assert.Single(poll.Missing);
        Assert.Equal(987654321L, missing.Id);
        Assert.Equal("Rb.TaskNotFound", ((RbValidationException)missing.Error!).ErrorId);
        Assert.Empty((await waiter.PollAsync(default)).Missing);

        t.Emulator.ClearRequests();
        Assert.Equal(
            "Rb.InvalidPollInterval", Assert.Throws<RbValidationException>(
            () => new RbTaskWaiter(
            new TasksApi(t.Client), new[] { one.Id }, null, TimeSpan.FromMilliseconds(100), false)).ErrorId);
        Assert.Equal(
            "Rb.InvalidTimeout", Assert.Throws<RbValidationException>(
            () => new RbTaskWaiter(
            new TasksApi(t.Client), new[] { one.Id }, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1),
            false)).ErrorId);
        Assert.Equal(
            "Rb.InvalidId", Assert.Throws<RbValidationException>(
            () => new RbTaskWaiter(
            new TasksApi(t.Client), new[] { 0L }, null, TimeSpan.FromSeconds(1), false)).ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_the_delay_at_once()
    {
        var one = (await Busy()).First();
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client), new[] { one.Id }, null, TimeSpan.FromMinutes(10), any: false);
        await waiter.PollAsync(default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.DelayAsync(cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
