using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// A list read while something changes what it filters on, in the shape of <c>Get-RbTask -Status X | Stop-RbTask</c>:
/// the pager streams pages, the consumer batches 100 ids and acts on each full batch before the next page is read.
/// </summary>
public class PipelineTests
{
    private static readonly RbTaskStatus[] Rendering = { RbTaskStatus.Rendering };

    /// <summary>Streams the list into batches of 100 and runs <paramref name="act"/> on each, as Stop-RbTask
    /// does.</summary>
    private static async Task<List<long>> PipeAsync(RbClient client, RbTaskQuery query, Func<long[], Task> act)
    {
        var emitted = new List<long>();
        var batch = new RbIdBatch(100);
        using var pager = new TasksApi(client).List(query);
        while (!pager.IsDone)
        {
            foreach (var task in await pager.NextAsync(default))
            {
                emitted.Add(task.Id);
                if (!batch.IsNew(task.Id)) continue;
                batch.Add(task.Id);
                if (batch.IsFull) await act(batch.Take());
            }
        }
        while (batch.Count > 0) await act(batch.Take());
        return emitted;
    }

    private static Task<IReadOnlyList<RbTask>> ListAsync(RbClient client, params RbTaskStatus[] status)
        => new TasksApi(client).List(new RbTaskQuery { Status = status }).ReadAllAsync(default);

    private static async Task AssertAllSucceeded(Task<IReadOnlyList<RbItemResult>> call)
    {
        var results = await call;
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Stopping_every_rendering_task_of_10000_while_listing_them_leaves_none_rendering_in_as_few_calls_as_the_catalog_allows(int throttleLimit)
    {
        using var t = new TestEmulator(taskCount: 10_000, seed: 4);
        var before = (await ListAsync(t.Client, Rendering)).Select(x => x.Id).ToList();
        Assert.True(before.Count > 300, $"needs several pages of rendering tasks, has {before.Count}");
        t.Emulator.ClearRequests();

        var emitted = await PipeAsync(t.Client.WithThrottleLimit(throttleLimit), new RbTaskQuery { Status = Rendering },
            ids => AssertAllSucceeded(new TasksApi(t.Client).StopAsync(ids, default)));

        var pages = (before.Count + 99) / 100;
        Assert.Equal(pages, t.Emulator.Requests.Count(r => r.Operation == "stopTask"));
        // each page is read once; with read-ahead, the pages read ahead of the first stop (up to the limit) are read
        // again after it (the stop renumbers the list), and from then on the pager reads one page at a time
        Assert.InRange(t.Emulator.Requests.Count(r => r.Operation == "getTaskList"), pages, pages + throttleLimit);
        Assert.Equal(0, t.Client.Changes.ListenerCount);
        Assert.Equal(before.OrderBy(i => i), emitted.OrderBy(i => i));
        Assert.Empty(await ListAsync(t.Client, Rendering));
    }

    [Fact]
    public async Task Starting_every_stopped_task_while_listing_them_starts_each_exactly_once()
    {
        using var t = new TestEmulator(taskCount: 3_000, seed: 4);
        var before = (await ListAsync(t.Client, RbTaskStatus.Stopped)).Select(x => x.Id).ToList();
        Assert.True(before.Count > 150, $"needs several pages of stopped tasks, has {before.Count}");
        t.Emulator.ClearRequests();

        var emitted = await PipeAsync(
            t.Client, new RbTaskQuery { Status = new[] { RbTaskStatus.Stopped }, PageSize = 30 },
            ids => AssertAllSucceeded(new TasksApi(t.Client).StartAsync(ids, default)));

        Assert.Equal(before.Count, emitted.Distinct().Count());
        Assert.Equal(before.OrderBy(i => i), emitted.OrderBy(i => i));
        Assert.Empty(await ListAsync(t.Client, RbTaskStatus.Stopped));
        Assert.Equal((before.Count + 99) / 100, t.Emulator.Requests.Count(r => r.Operation == "startTask"));
    }

    [Fact]
    public async Task Changes_made_by_another_client_are_caught_by_the_total_and_nothing_is_skipped()
    {
        using var t = new TestEmulator(taskCount: 3_000, seed: 4);
        using var other = t.NewClient();
        var before = (await ListAsync(t.Client, Rendering)).Select(x => x.Id).ToList();
        Assert.True(before.Count > 150, $"needs several pages of rendering tasks, has {before.Count}");

        // the other client's stops are not on this client's change feed: only the service's total tells the pager
        var emitted = await PipeAsync(t.Client, new RbTaskQuery { Status = Rendering, PageSize = 40 },
            ids => AssertAllSucceeded(new TasksApi(other).StopAsync(ids, default)));

        Assert.Equal(before.OrderBy(i => i), emitted.OrderBy(i => i));
        Assert.Empty(await ListAsync(t.Client, Rendering));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Tasks_that_leave_ahead_of_the_reader_are_not_given_out_unless_read_ahead_and_none_behind_them_is_skipped(int throttleLimit)
    {
        using var t = new TestEmulator(taskCount: 3_000, seed: 4);
        using var other = t.NewClient();
        var before = (await ListAsync(t.Client, Rendering)).Select(x => x.Id).ToList();
        var pager = new TasksApi(t.Client.WithThrottleLimit(throttleLimit)).List(
            new RbTaskQuery { Status = Rendering, PageSize = 25 });
        var emitted = (await pager.NextAsync(default)).Select(x => x.Id).ToList();
        // someone else stops 30 tasks further down the list, and 10 of the ones already read
        var ahead = before.Skip(60).Take(30).Concat(emitted.Take(10)).ToArray();
        await AssertAllSucceeded(new TasksApi(other).StopAsync(ahead, default));
        while (!pager.IsDone) emitted.AddRange((await pager.NextAsync(default)).Select(x => x.Id));

        Assert.Equal(emitted.Count, emitted.Distinct().Count());
        // one page at a time, the stopped tasks ahead are never read; read ahead, they may have been read before they
        // left (pages 2 to 5 were in flight when the other client stopped them): given out as they were then, at most
        // once
        var leftAhead = emitted.Intersect(before.Skip(60).Take(30)).Count();
        if (throttleLimit == 1) Assert.Equal(0, leftAhead);
        Assert.Equal(before.OrderBy(i => i), emitted.Union(ahead).OrderBy(i => i));
        Assert.Equal(before.Where(emitted.Contains), emitted);
    }

    [Fact]
    public async Task Tasks_that_enter_the_list_while_it_is_read_never_push_a_matching_task_out()
    {
        using var t = new TestEmulator(taskCount: 2_000, seed: 5);
        using var other = t.NewClient();
        var both = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting };
        var before = (await ListAsync(t.Client, both)).Select(x => x.Id).ToList();
        var stopped = (await ListAsync(t.Client, RbTaskStatus.Stopped)).Select(x => x.Id).ToList();
        Assert.True(stopped.Count > 40);
        var pager = new TasksApi(t.Client).List(new RbTaskQuery { Status = both, PageSize = 20 });
        var emitted = new List<long>();
        var round = 0;
        while (!pager.IsDone)
        {
            emitted.AddRange((await pager.NextAsync(default)).Select(x => x.Id));
            // stopped tasks started elsewhere come back as waiting, anywhere in the list
            var enter = stopped.Skip(round++ * 4).Take(4).ToArray();
            if (enter.Length > 0) await AssertAllSucceeded(new TasksApi(other).StartAsync(enter, default));
        }
        Assert.Equal(emitted.Count, emitted.Distinct().Count());
        Assert.Empty(before.Except(emitted));
    }

    [Fact]
    public async Task An_unfiltered_list_piped_into_a_status_change_reads_each_page_once()
    {
        using var t = new TestEmulator(taskCount: 250, seed: 3);
        var all = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).Select(x => x.Id)
            .ToList();
        t.Emulator.ClearRequests();
        var outcomes = new List<RbItemResult>();
        var emitted = await PipeAsync(
            t.Client, new RbTaskQuery(), async ids => outcomes.AddRange(
            await new TasksApi(t.Client).StopAsync(ids, default)));
        Assert.Equal(all, emitted);
        Assert.Equal((all.Count + 99) / 100, t.Emulator.Requests.Count(r => r.Operation == "getTaskList"));
        Assert.Equal(all.OrderBy(i => i), outcomes.Select(o => o.Id).OrderBy(i => i));
        Assert.Contains(outcomes, o => o.Succeeded);
        Assert.Contains(outcomes, o => !o.Succeeded);
    }
}

/// <summary>Bulk calls: one result per id whatever fails, and the failures of one request never hide the
/// others.</summary>
public class BulkTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 600, seed: 8);

    public void Dispose() => t.Dispose();

    private async Task<List<RbTask>> Tasks(RbTaskStatus status, int count)
    {
        var list = (
            await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { status } }).ReadAllAsync(default))
            .Take(count).ToList();
        Assert.Equal(count, list.Count);
        return list;
    }

    private async Task<RbTaskStatus> StatusOf(long id) => (await new TasksApi(t.Client).GetAsync(new[] { id }, default))
        .Single().Status;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_transport_failure_in_the_middle_of_a_fallback_reports_every_id_exactly_once(bool reset)
    {
        var rendering = await Tasks(RbTaskStatus.Rendering, 4);
        var finished = (await Tasks(RbTaskStatus.Finished, 1)).Single();
        var ids = new[] { rendering[0].Id, finished.Id, rendering[1].Id, rendering[2].Id, rendering[3].Id };
        // the batch is refused (a finished task); one look-up sorts it out and the four rendering tasks go again
        // together, in a call that fails in transport on every attempt
        t.Emulator.Faults.Add(new RbFault { Operation = "stopTask", After = 1, Count = t.Client.MaxRetries + 1,
            HttpStatus = reset ? 0 : 503, Reset = reset });

        var results = await new TasksApi(t.Client).StopAsync(ids, default);

        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal("Rb.Fail", Refusal.Of(results[1].Error).Id);
        foreach (var i in new[] { 0, 2, 3, 4 })
        {
            var transport = Assert.IsType<RbTransportException>(results[i].Error);
            if (!reset) Assert.Equal(503, transport.HttpStatus);
            Assert.Equal(RbTaskStatus.Rendering, await StatusOf(ids[i]));
        }
        Assert.Equal(RbTaskStatus.Finished, await StatusOf(finished.Id));
        Assert.Equal(2 + t.Client.MaxRetries, t.Emulator.Requests.Count(r => r.Operation == "stopTask"));
    }

    [Fact]
    public async Task A_chunk_that_fails_does_not_hide_the_chunks_that_were_done()
    {
        var stoppable = (
            await new TasksApi(t.Client).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting,
            RbTaskStatus.Preprocessing } })
            .ReadAllAsync(default)).Select(x => x.Id).ToList();
        Assert.True(stoppable.Count > 100, $"needs more than one chunk, has {stoppable.Count}");
        t.Emulator.Faults.Add(
            new RbFault { Operation = "stopTask", After = 1, Count = t.Client.MaxRetries + 1, Garble = true });

        // one call at a time, so that the second call to arrive is the second chunk (with calls in parallel either
        // chunk may arrive second; ParallelCallsTests cover that case)
        var results = await new TasksApi(t.Client.WithThrottleLimit(1)).StopAsync(stoppable, default);

        Assert.Equal(stoppable, results.Select(r => r.Id));
        Assert.All(results.Take(100), r => Assert.True(r.Succeeded));
        Assert.All(results.Skip(100), r => Assert.IsType<RbProtocolException>(r.Error));
        var after = await new TasksApi(t.Client).GetAsync(stoppable, default);
        Assert.Equal(100, after.Count(x => x.Status == RbTaskStatus.Stopped));
    }

    [Fact]
    public async Task A_lookup_reports_one_result_per_id_even_when_a_chunk_fails()
    {
        var known = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).Take(150)
            .Select(x => x.Id).ToList();
        var ids = known.Take(60).Append(42L).Concat(known.Skip(60)).ToList();
        t.Emulator.Faults.Add(new RbFault { Operation = "queryTaskInfo", After = 1, HttpStatus = 400 });

        // one call at a time, so that the call that fails is the second chunk's
        var results = await new TasksApi(t.Client.WithThrottleLimit(1))
            .GetEachAsync(ids.Concat(new[] { known[0] }), default);

        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.All(results.Take(100).Where(r => r.Id != 42), r => Assert.Equal(r.Id, r.Item!.Id));
        Assert.Equal(
            "Rb.TaskNotFound", Assert.IsType<RbValidationException>(results.Single(r => r.Id == 42).Error).ErrorId);
        Assert.All(results.Skip(100), r => Assert.Equal(400, Assert.IsType<RbTransportException>(r.Error).HttpStatus));
    }
}

/// <summary>Every rule of <see cref="RbInputRules"/>: a clear error with its stable id, and nothing sent.</summary>
public class InputRuleTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 30);

    public InputRuleTests() => t.Emulator.ClearRequests();

    public void Dispose() => t.Dispose();

    private void AssertNothingSent(RbValidationException ex, RbInputRule rule)
    {
        Assert.Equal(rule.ErrorId, ex.ErrorId);
        Assert.Equal(rule.Action, ex.RecommendedAction);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public void A_time_window_that_can_match_nothing_is_refused()
    {
        var now = DateTimeOffset.Now;
        var ex = Assert.Throws<RbValidationException>(
            () => new TasksApi(t.Client).List(
            new RbTaskQuery { SubmittedAfter = now, SubmittedBefore = now.AddDays(-3) }));
        AssertNothingSent(ex, RbInputRules.TimeRange);
        Assert.Contains("not earlier than", ex.Message);
    }

    [Fact]
    public async Task Ids_that_cannot_name_a_task_are_refused_by_every_call_that_takes_ids()
    {
        AssertNothingSent(
            await Assert.ThrowsAsync<RbValidationException>(
            () => new TasksApi(t.Client).StopAsync(new[] { 5L, 0L }, default)), RbInputRules.Id);
        AssertNothingSent(
            await Assert.ThrowsAsync<RbValidationException>(
            () => new TasksApi(t.Client).GetEachAsync(new[] { -3L }, default)), RbInputRules.Id);
        AssertNothingSent(Assert.Throws<RbValidationException>(() => new FramesApi(t.Client).List(0)), RbInputRules.Id);
    }

    [Fact]
    public void A_blank_keyword_and_a_page_size_over_the_limit_are_refused()
    {
        AssertNothingSent(
            Assert.Throws<RbValidationException>(
            () => new TasksApi(t.Client).List(new RbTaskQuery { Keyword = "   " })), RbInputRules.EmptyKeyword);
        AssertNothingSent(
            Assert.Throws<RbValidationException>(
            () => new TasksApi(t.Client).List(new RbTaskQuery { PageSize = 101 })), RbInputRules.PageSize);
    }

    [Fact]
    public void The_table_names_each_rule_once_with_a_stable_id_and_advice()
    {
        Assert.Equal(RbInputRules.All.Count, RbInputRules.All.Select(r => r.ErrorId).Distinct().Count());
        Assert.All(RbInputRules.All, r =>
        {
            Assert.Matches("^Rb\\.[A-Z][A-Za-z]+$", r.ErrorId);
            Assert.False(string.IsNullOrWhiteSpace(r.Action));
        });
    }
}

public class HostTests
{
    [Theory]
    [InlineData(false, 3, 1, true)]   // PowerShell 7.0
    [InlineData(false, 7, 0, true)]   // PowerShell 7.3
    [InlineData(false, 8, 0, false)]  // PowerShell 7.4
    [InlineData(false, 10, 0, false)] // PowerShell 7.6
    [InlineData(true, 4, 0, false)]   // Windows PowerShell 5.1 on .NET Framework 4.x
    public void Import_refuses_PowerShell_7_0_to_7_3_and_names_7_4(
        bool netFramework, int major, int minor, bool refused)
    {
        var refusal = RbHost.Refusal(netFramework, new Version(major, minor));
        Assert.Equal(refused, refusal != null);
        if (refused) Assert.Contains("PowerShell 7.4 or later", refusal);
    }
}

public class BatchAndWindowTests
{
    [Fact]
    public void An_id_offered_twice_is_new_once_and_queued_once()
    {
        var batch = new RbIdBatch(2);
        Assert.True(batch.IsNew(7));
        Assert.False(batch.IsNew(7));
        Assert.True(batch.Add(7));
        Assert.False(batch.Add(7));
        Assert.True(batch.Add(8));
        Assert.True(batch.IsFull);
        Assert.Equal(new long[] { 7, 8 }, batch.Take());
        Assert.False(batch.IsNew(8));
        Assert.Equal(
            new[] { new long[] { 3, 1 }, new long[] { 2 } }, RbIdBatch.Chunks(new long[] { 3, 1, 3, 2, 1 }, 2));
    }

    [Fact]
    public void A_window_skips_then_admits_first_and_then_nothing()
    {
        var window = new RbPagingWindow(2, 3);
        var admitted = Enumerable.Range(1, 10).Where(_ => window.Admit()).ToList();
        Assert.Equal(new[] { 3, 4, 5 }, admitted);
        Assert.True(window.IsFull);
        var all = new RbPagingWindow(0, null);
        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(all.Admit()));
        Assert.False(all.IsFull);
    }
}
