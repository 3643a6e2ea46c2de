using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>Looking tasks up and waiting for them on an API 2.0 session: query_task, never a REST operation.</summary>
public class Api2WaitTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 120, seed: 12);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o =>
    {
        o.ThrottleLimit = 4;
        o.MaxRetries = 8;
    }), default);

    [Fact]
    public async Task The_session_reads_tasks_by_id_in_its_own_protocol()
    {
        using var session = await ConnectAsync();
        Assert.IsType<Api2TasksApi>(session.TaskReader);
        // statuses compared with API 2.0's own listing: its words are coarser than REST's codes
        var rest = await session.Api2Tasks.List(new RbTaskQuery()).ReadAllAsync(default);
        var ids = rest.Take(5).Select(x => x.Id).Append(987654321L).ToList();
        t.Emulator.ClearRequests();
        var lookup = new RbTaskLookup(session.TaskReader, 0, null);
        foreach (var id in ids) Assert.False(lookup.Offer(id));
        var results = await lookup.SendAsync(default);
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal(rest.Take(5).Select(x => (x.Id, x.Status)),
            results.Take(5).Select(r => (r.Item!.Id, r.Item.Status)));
        Assert.Equal("Rb.TaskNotFound", Assert.IsType<RbValidationException>(results[5].Error).ErrorId);
        Assert.All(t.Emulator.Requests, r => Assert.Equal("query_task", r.Operation));
    }

    [Fact]
    public async Task Waits_over_query_task_until_every_task_has_ended_even_under_faults()
    {
        using var session = await ConnectAsync();
        var busy = (await new TasksApi(t.Client).List(new RbTaskQuery
        {
            Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting },
        }).ReadAllAsync(default)).Take(8).ToList();
        Assert.True(busy.Count >= 3, "needs busy tasks, has " + busy.Count);
        var waiter = new RbTaskWaiter(session.TaskReader, busy.Select(x => x.Id), null, TimeSpan.FromSeconds(1), false);
        t.Emulator.ClearRequests();
        Assert.False((await waiter.PollAsync(default)).IsDone);
        for (var i = 0; i < 3; i++) t.Emulator.Faults.Add(new RbFault { Operation = "query_task", Code = 500 });
        RbWaitPoll poll;
        var polls = 1;
        do
        {
            t.Emulator.Advance(TimeSpan.FromHours(2));
            poll = await waiter.PollAsync(default);
            polls++;
        }
        while (!poll.IsDone && polls < 50);
        Assert.True(poll.IsDone, $"not done after {polls} polls: {poll.Unfinished.Count()} unfinished");
        Assert.Equal(busy.Count, poll.Ended.Count());
        Assert.All(t.Emulator.Requests, r => Assert.Equal("query_task", r.Operation));
    }
}
