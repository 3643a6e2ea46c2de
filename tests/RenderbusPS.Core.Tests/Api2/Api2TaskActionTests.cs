using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>operate_task from Core: ids batched by the 256 characters of task_id, one result per id.</summary>
public class Api2TaskActionTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 1000);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync(int throttle = 4) => RbSession.ConnectAsync(t.Api2Options(o =>
    {
        o.ThrottleLimit = throttle;
        o.MaxRetries = 8;
    }), default);

    private static readonly RbTaskStatus[] Running = { RbTaskStatus.Waiting, RbTaskStatus.Rendering,
        RbTaskStatus.Preprocessing };

    [Fact]
    public void Batches_keep_the_order_and_never_pass_256_characters()
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, 500).Select(_ => (long)random.Next(1, int.MaxValue)).ToList();
        var batches = Api2TaskActions.Batches(ids, RbApi2Catalog.TaskIdTextLimit);
        Assert.All(batches, b => Assert.InRange(string.Join(",", b).Length, 1, 256));
        Assert.Equal(ids, batches.SelectMany(b => b));
        Assert.All(batches.SkipLast(1), b => Assert.True(string.Join(",", b).Length > 256 - 11,
            "a batch could hold more"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task Stopping_every_running_task_leaves_none_running_and_refuses_the_others_per_id(int faultSeed)
    {
        var rest = new TasksApi(t.Client);
        var running = await rest.List(new RbTaskQuery { Status = Running }).ReadAllAsync(default);
        var finished = (await rest.List(new RbTaskQuery { Status = new[] { RbTaskStatus.Finished } })
            .ReadAllAsync(default))[0];
        Assert.True(running.Count > 100, "too few running tasks to span batches");
        using var session = await ConnectAsync();
        if (faultSeed != 0)
        {
            // faults that prove nothing acted: the call is sent again
            t.Emulator.Faults.Rates.Seed = faultSeed;
            t.Emulator.Faults.Rates.Unavailable = 0.1;
            t.Emulator.Faults.Rates.Dropped = 0.05;
            t.Emulator.Faults.Rates.Html = 0.05;
        }
        t.Emulator.ClearRequests();
        var ids = running.Select(x => x.Id).Append(finished.Id).Append(999L).ToList();
        var results = await session.Api2TaskActions.StopAsync(ids, default);
        t.Emulator.Faults.Rates.Clear();
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.All(results.Take(running.Count), r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal("Rb.Fail", Refusal.Of(results[running.Count].Error).Id);
        Assert.Equal("Rb.TaskNotFound", Refusal.Of(results[running.Count + 1].Error).Id);
        Assert.Empty(await rest.List(new RbTaskQuery { Status = Running }).ReadAllAsync(default));
        var sent = t.Emulator.Requests.Where(r => r.Operation == "operate_task" && r.Code == 200).ToList();
        Assert.Equal(Api2TaskActions.Batches(ids, 256).Count, sent.Count);
        Assert.All(sent, r => Assert.InRange(r.IdCount, 1, 32));
        var after = await session.Api2Tasks.List(new RbTaskQuery { Status = new[] { RbTaskStatus.Stopped } })
            .ReadAllAsync(default);
        // every task stopped reads User_Stop (with those stopped before)
        Assert.Superset(running.Select(x => x.Id).ToHashSet(), after.Select(x => x.Id).ToHashSet());
    }

    [Fact]
    public async Task Deleting_stopped_tasks_moves_them_to_the_recycle_bin()
    {
        var rest = new TasksApi(t.Client);
        var stopped = (await rest.List(new RbTaskQuery { Status = new[] { RbTaskStatus.Stopped } })
            .ReadAllAsync(default))
            .Take(40).Select(x => x.Id).ToList();
        using var session = await ConnectAsync(throttle: 1);
        var results = await session.Api2TaskActions.DeleteAsync(stopped, default);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var bin = (await session.Api2Tasks.List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default)).Select(x
            => x.Id);
        var restBin = (await rest.List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default)).Select(x
            => x.Id).ToList();
        Assert.Equal(restBin, bin);
        var found = await session.Api2Tasks.GetEachAsync(stopped.Take(3).Append(999L), default);
        Assert.All(found.Take(3), r => Assert.True(r.Item!.IsDeleted));
        Assert.Equal("Rb.TaskNotFound", Refusal.Of(found[3].Error).Id);
        // the bin holds (at least) every task deleted
        Assert.Superset(stopped.ToHashSet(), restBin.ToHashSet());
    }
}
