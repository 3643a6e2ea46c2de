using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The protocol-neutral task seams (session.TaskActions, session.TaskLister) on API 2.0, against REST on the same
/// emulator: restart by frame status, settings, what API 2.0 lacks, lost answers, and -Skip/-First over a filter.
/// </summary>
public class Api2TaskSeamTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 1000);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync(bool api2 = true, int throttle = 4) => RbSession.ConnectAsync(t.Options(o =>
    {
        if (api2)
        {
            o.Protocol = RbApiProtocol.Api2;
            o.Credential = new RbCredential(t.Emulator.Account, t.Emulator.AccessKey);
        }
        o.ThrottleLimit = throttle;
        o.MaxRetries = 8;
    }), default);

    private async Task<List<long>> IdsAsync(params RbTaskStatus[] status)
        => (await new TasksApi(t.Client).List(new RbTaskQuery { Status = status }).ReadAllAsync(default))
            .Where(x => x.ParentId == null).Select(x => x.Id).ToList();

    private static async Task<List<RbTask>> ReadAllAsync(IRbPages<RbTask> pages)
    {
        using (pages)
        {
            var all = new List<RbTask>();
            while (!pages.IsDone) all.AddRange(await pages.NextAsync(default));
            return all;
        }
    }

    private int OperateCalls() => t.Emulator.Requests.Count(r => r.Operation == "operate_task");

    [Fact]
    public async Task The_session_picks_the_actions_of_its_protocol()
    {
        using var api2 = await ConnectAsync();
        using var rest = await ConnectAsync(api2: false);
        Assert.IsType<Api2TaskActions>(api2.TaskActions);
        Assert.IsType<TasksApi>(rest.TaskActions);
        Assert.IsType<Api2TasksApi>(api2.TaskLister);
        Assert.IsType<TasksApi>(rest.TaskLister);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public async Task Restart_sends_one_batched_order_per_status_and_leaves_what_rest_leaves(int faultSeed)
    {
        var ids = await IdsAsync(RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed);
        Assert.True(ids.Count >= 80, $"only {ids.Count} tasks with failed frames");
        var viaApi2 = ids.Take(ids.Count / 2).ToList();
        var viaRest = ids.Skip(ids.Count / 2).ToList();
        using var session = await ConnectAsync();
        var batches = Api2TaskActions.Batches(viaApi2, RbApi2Catalog.TaskIdTextLimit).Count;
        Assert.True(batches > 1, "the ids fit one batch");
        if (faultSeed != 0)
        {
            // faults that prove nothing acted: a restart may be sent again after them, and only after them
            t.Emulator.Faults.Rates.Seed = faultSeed;
            t.Emulator.Faults.Rates.Unavailable = 0.25;
        }
        t.Emulator.ClearRequests();
        var frames = new[] { RbFrameStatus.Failed, RbFrameStatus.Finished, RbFrameStatus.Failed };
        var results = await session.TaskActions.RestartAsync(viaApi2.Append(viaApi2[0]), frames, default);
        t.Emulator.Faults.Rates.Clear();

        Assert.Equal(viaApi2, results.Select(r => r.Id));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        // two statuses: two orders for each batch, each acted on once
        Assert.Equal(2 * batches, t.Emulator.Requests.Count(r => r.Operation == "operate_task" && r.Code == 200));
        var rest = await new TasksApi(t.Client).RestartAsync(viaRest, frames, default);
        Assert.All(rest, r => Assert.True(r.Succeeded, r.ToString()));
        var after = await new TasksApi(t.Client).GetAsync(ids, default);
        Assert.All(after, x => Assert.True(x.FailedFrames == 0 && x.DoneFrames == 0, $"{x.Id}: {x.FailedFrames} "
            + $"failed, {x.DoneFrames} done"));
    }

    [Fact]
    public async Task A_restart_whose_answer_was_lost_is_never_sent_again()
    {
        var ids = (await IdsAsync(RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed)).Take(10).ToList();
        using var session = await ConnectAsync();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        t.Emulator.ClearRequests();
        var results = await session.TaskActions.RestartAsync(ids, null, default);
        Assert.All(results, r => Assert.IsType<RbOutcomeUnknownException>(r.Error));
        Assert.Equal(1, OperateCalls());
    }

    [Fact]
    public async Task A_stop_whose_answer_was_lost_is_done_as_on_rest()
    {
        var rendering = (await IdsAsync(RbTaskStatus.Rendering)).Take(60).ToList();
        using var session = await ConnectAsync(throttle: 1);
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        t.Emulator.ClearRequests();

        var results = await session.TaskActions.StopAsync(rendering, default);

        // the first order stopped its batch and lost the answer; sent again, it is refused (they are stopped), and
        // reading them shows them stopped: done, as REST reports it
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var batches = Api2TaskActions.Batches(rendering, RbApi2Catalog.TaskIdTextLimit).Count;
        Assert.Equal(batches + 1, OperateCalls());
        var after = await new TasksApi(t.Client).GetAsync(rendering, default);
        Assert.All(after, x => Assert.Equal(RbTaskStatus.Stopped, x.Status));
    }

    [Fact]
    public async Task A_refusal_after_a_lost_answer_stays_a_refusal_when_the_task_is_not_stopped()
    {
        var finished = (await IdsAsync(RbTaskStatus.Finished)).Take(3).ToList();
        var rendering = (await IdsAsync(RbTaskStatus.Rendering)).Take(3).ToList();
        using var session = await ConnectAsync();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        var results = await session.TaskActions.StopAsync(rendering.Concat(finished), default);
        Assert.All(results.Take(3), r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(results.Skip(3), r => Assert.Equal("Rb.Fail", Refusal.Of(r.Error).Id));
    }

    [Fact]
    public async Task A_delete_whose_answer_was_lost_is_done_as_on_rest()
    {
        var stopped = (await IdsAsync(RbTaskStatus.Stopped)).Take(20).ToList();
        using var session = await ConnectAsync();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        t.Emulator.ClearRequests();
        var results = await session.TaskActions.DeleteAsync(stopped, default);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, OperateCalls());
        var live = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).Select(x => x.Id)
            .ToHashSet();
        Assert.DoesNotContain(stopped, live.Contains);
    }

    [Fact]
    public async Task Priority_and_time_out_set_on_api2_read_back_on_rest()
    {
        var ids = (await IdsAsync(RbTaskStatus.Stopped, RbTaskStatus.Finished)).Take(90).ToList();
        using var session = await ConnectAsync();
        t.Emulator.Faults.Rates.Seed = 3;
        t.Emulator.Faults.Rates.Unavailable = 0.1;
        t.Emulator.Faults.Rates.Dropped = 0.1;
        t.Emulator.Faults.Rates.LoseAnswer = 0.1;
        var results = await session.TaskActions.SetAsync(ids, new RbTaskSettings
        {
            Priority = 60, TimeoutStop = TimeSpan.FromHours(3),
        }, default);
        t.Emulator.Faults.Rates.Clear();
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(results, r => Assert.Equal("Priority and -TimeoutStop", r.Setting));
        var after = await new TasksApi(t.Client).GetAsync(ids, default);
        Assert.All(after, x => Assert.Equal((60, TimeSpan.FromHours(3)), (x.Priority!.Value, x.TimeoutStop!.Value)));
    }

    [Fact]
    public async Task What_api2_lacks_is_refused_per_id_and_nothing_is_sent()
    {
        var ids = (await IdsAsync(RbTaskStatus.Stopped)).Take(5).Append(999L).ToList();
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var abandon = await session.TaskActions.AbandonAsync(ids, default);
        var start = await session.TaskActions.StartAsync(ids, default);
        var machines = await session.TaskActions.SetAsync(ids, new RbTaskSettings { Priority = 60, MachineLimit = 5 },
            default);
        var waiting = await session.TaskActions.RestartAsync(ids, new[] { RbFrameStatus.WaitingForPhotonFrame },
            default);
        Assert.All(abandon.Concat(start).Concat(machines).Concat(waiting),
            r => Assert.Equal("Rb.NotInProtocol", Refusal.Of(r.Error).Id));
        Assert.Equal(ids.Count, machines.Count);
        Assert.Contains("-MachineLimit", machines[0].Error!.Message);
        Assert.Contains("WaitingForPhotonFrame", waiting[0].Error!.Message);
        var hours = await Assert.ThrowsAsync<RbValidationException>(() => session.TaskActions.SetAsync(ids,
            new RbTaskSettings { TimeoutStop = TimeSpan.FromMinutes(90) }, default));
        Assert.Equal("Rb.InvalidTimeoutStop", hours.ErrorId);
        Assert.Equal(0, OperateCalls());
    }

    [Theory]
    [InlineData(RbTaskStatus.Rendering, 0, 25)]
    [InlineData(RbTaskStatus.Waiting, 3, 9)]
    [InlineData(RbTaskStatus.Rendering, 40, 1000)]
    public async Task Skip_and_first_count_the_tasks_asked_for_as_on_rest(RbTaskStatus status, int skip, int first)
    {
        using var api2 = await ConnectAsync();
        using var rest = await ConnectAsync(api2: false);
        var query = new RbTaskQuery { Status = new[] { status }, PageSize = 7, Skip = skip, First = first };
        t.Emulator.ClearRequests();
        var listed = await ReadAllAsync(api2.TaskLister.List(query));
        var pages = t.Emulator.Requests.Count(r => r.Operation == "query_task");
        // API 2.0 has one word for Waiting and Updating (Start), read back as Waiting
        var same = status == RbTaskStatus.Waiting ? new[] { status, RbTaskStatus.Updating } : new[] { status };
        var expected = await ReadAllAsync(rest.TaskLister.List(new RbTaskQuery
        {
            Status = same, PageSize = 7, Skip = skip, First = first,
        }));
        Assert.True(expected.Count > 0, "no task of that status");
        Assert.Equal(expected.Select(x => x.Id), listed.Select(x => x.Id));
        Assert.All(listed, x => Assert.Equal(status, x.Status));
        Assert.True(pages > 1, "one page only");
        // the status word lists both Waiting and Rendering: -First was not spent on the others
        Assert.True(listed.Count == first || listed.Count == expected.Count);
    }

    [Fact]
    public async Task A_filtered_listing_under_faults_gives_each_task_asked_for_once()
    {
        using var api2 = await ConnectAsync();
        using var rest = await ConnectAsync(api2: false);
        var query = new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering }, PageSize = 5, Skip = 2, First = 40 };
        var expected = await ReadAllAsync(rest.TaskLister.List(query));
        t.Emulator.Faults.Rates.Seed = 8;
        t.Emulator.Faults.Rates.Unavailable = 0.15;
        t.Emulator.Faults.Rates.Html = 0.1;
        t.Emulator.Faults.Rates.Dropped = 0.1;
        var listed = await ReadAllAsync(api2.TaskLister.List(query));
        t.Emulator.Faults.Rates.Clear();
        Assert.Equal(40, listed.Count);
        Assert.Equal(expected.Select(x => x.Id), listed.Select(x => x.Id));
    }
}
