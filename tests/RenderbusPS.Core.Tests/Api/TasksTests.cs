using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

public class TasksTests : IDisposable
{
    private readonly TestEmulator t = new();

    public void Dispose() => t.Dispose();

    private Task<IReadOnlyList<RbTask>> All(RbTaskQuery? q = null) => new TasksApi(t.Client)
        .List(q ?? new RbTaskQuery()).ReadAllAsync(default);

    [Fact]
    public async Task Pages_through_all_250_tasks_live_and_deleted_stopping_on_the_page_count()
    {
        var pager = new TasksApi(t.Client).List(new RbTaskQuery { PageSize = 7 });
        var live = await pager.ReadAllAsync(default);
        Assert.Equal(pager.Total, live.Count);
        Assert.Equal((int)Math.Ceiling(live.Count / 7.0), pager.PagesFetched);
        var deleted = await All(new RbTaskQuery { Deleted = true, PageSize = 100 });
        Assert.NotEmpty(deleted);
        Assert.All(deleted, x => Assert.True(x.IsDeleted));
        Assert.All(live, x => Assert.False(x.IsDeleted));
        Assert.Equal(250, live.Concat(deleted).Select(x => x.Id).Distinct().Count());
        Assert.Equal(live.OrderByDescending(x => x.SubmittedAt).Select(x => x.Id), live.Select(x => x.Id));
    }

    [Fact]
    public async Task The_account_spreads_over_every_status_and_four_programs_with_sub_tasks()
    {
        var all = (await All()).Concat(await All(new RbTaskQuery { Deleted = true })).ToList();
        foreach (var status in Enum.GetValues<RbTaskStatus>()) Assert.Contains(all, x => x.Status == status);
        Assert.Equal(
            new[] { "3ds Max", "Blender", "Houdini", "Maya" }, all.Select(x => x.Software).Distinct().OrderBy(s => s));
        var maya = all.First(x => x.SoftwareId == 2000);
        Assert.NotEmpty(maya.SubTasks);
        Assert.All(maya.SubTasks, s => { Assert.Equal(maya.Id, s.ParentId); Assert.NotNull(s.LayerName); });
        var max = all.First(x => x.SoftwareId == 2001);
        Assert.Equal(new[] { "RenderPhoton", "Render" }, max.SubTasks.Select(s => s.TaskType));
        Assert.Equal(max.SubTasks.Sum(s => s.TotalFrames), max.TotalFrames);
        var finished = all.First(x => x.Status == RbTaskStatus.Finished && x.TotalFrames > 0);
        Assert.Equal(finished.TotalFrames, finished.DoneFrames);
        Assert.True(finished.Cost > 0);
        Assert.NotNull(finished.CompletedAt);
        Assert.Matches("^2W[0-9]+$", finished.Alias);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_account()
    {
        using var twin = new TestEmulator(seed: 1);
        var a = await All();
        var b = await new TasksApi(twin.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.Equal(
            a.Select(x => (x.Id, x.SceneName, x.Status, x.TotalFrames, x.Cost)), b.Select(
            x => (x.Id, x.SceneName, x.Status, x.TotalFrames, x.Cost)));
        using var other = new TestEmulator(seed: 2);
        var c = await new TasksApi(other.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.NotEqual(a.Select(x => x.SceneName), c.Select(x => x.SceneName));
    }

    [Fact]
    public async Task Filters_by_status_keyword_and_submit_time()
    {
        var all = await All();
        var failed = await All(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Failed, RbTaskStatus.FinishedWithFailedFrames } });
        Assert.Equal(
            all.Count(x => x.Status is RbTaskStatus.Failed or RbTaskStatus.FinishedWithFailedFrames), failed.Count);
        Assert.NotEmpty(failed);

        var word = all[3].SceneName!.Split('_')[0];
        var byWord = await All(new RbTaskQuery { Keyword = word.ToUpperInvariant() });
        Assert.Equal(all.Count(x => x.SceneName!.Contains(word, StringComparison.OrdinalIgnoreCase)), byWord.Count);

        var since = DateTimeOffset.UtcNow.AddHours(-24);
        var recent = await All(new RbTaskQuery { SubmittedAfter = since });
        Assert.NotEmpty(recent);
        Assert.Equal(all.Count(x => x.SubmittedAt >= since.AddSeconds(-1)), recent.Count);
        var older = await All(new RbTaskQuery { SubmittedBefore = since });
        Assert.Equal(all.Count, recent.Count + older.Count);
    }

    [Fact]
    public async Task Skip_and_first_ask_only_for_the_pages_needed()
    {
        var all = await All();
        t.Emulator.ClearRequests();
        var pager = new TasksApi(t.Client).List(new RbTaskQuery { PageSize = 10, Skip = 25, First = 12 });
        var part = await pager.ReadAllAsync(default);
        Assert.Equal(all.Skip(25).Take(12).Select(x => x.Id), part.Select(x => x.Id));
        Assert.Equal(2, t.Emulator.Requests.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_server_that_repeats_a_page_cannot_keep_the_pager_reading(int throttleLimit)
    {
        t.Emulator.Faults.RepeatFirstPage = true;
        var pager = new TasksApi(t.Client.WithThrottleLimit(throttleLimit)).List(new RbTaskQuery { PageSize = 10 });
        var first = await pager.NextAsync(default);
        Assert.Equal(10, first.Count);
        var ex = await Assert.ThrowsAsync<RbProtocolException>(() => pager.NextAsync(default));
        Assert.Contains("already sent", ex.Message);
        Assert.True(pager.IsDone);
        // the first page, then the next one (read ahead with the pages after it, up to the limit), then nothing more
        Assert.Equal(1 + throttleLimit, pager.PagesRequested);
        await Task.Delay(200);
        Assert.True(t.Emulator.Requests.Count <= 1 + throttleLimit);
    }

    [Fact]
    public async Task An_invalid_page_size_is_refused_before_sending()
    {
        var ex = Assert.Throws<RbValidationException>(
            () => new TasksApi(t.Client).List(new RbTaskQuery { PageSize = 101 }));
        Assert.Equal("Rb.InvalidPageSize", ex.ErrorId);
        Assert.Empty(t.Emulator.Requests);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Looks_up_tasks_by_id_in_chunks_of_100()
    {
        var all = await All();
        var ids = all.Take(150).Select(x => x.Id).Append(999).ToList();
        t.Emulator.ClearRequests();
        var found = await new TasksApi(t.Client).GetAsync(ids, default);
        Assert.Equal(all.Take(150).Select(x => x.Id).OrderBy(i => i), found.Select(x => x.Id).OrderBy(i => i));
        // two calls (100 ids and 51), sent at once: the log's order is the order they were answered
        Assert.Equal(new[] { 51, 100 }, t.Emulator.Requests.Select(r => r.IdCount).OrderBy(n => n));
        var sub = all.First(x => x.SubTasks.Count > 0).SubTasks[0];
        Assert.Equal(sub.Id, Assert.Single(await new TasksApi(t.Client).GetAsync(new[] { sub.Id }, default)).Id);
    }

    [Fact]
    public async Task Stopping_rendering_and_waiting_tasks_makes_them_stopped_with_their_frames()
    {
        var targets = await All(new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting } });
        Assert.NotEmpty(targets);
        var results = await new TasksApi(t.Client).StopAsync(targets.Select(x => x.Id), default);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var after = await new TasksApi(t.Client).GetAsync(targets.Select(x => x.Id), default);
        Assert.All(after, x => { Assert.Equal(RbTaskStatus.Stopped, x.Status); Assert.Equal(0, x.ExecutingFrames); });
        Assert.All(after.SelectMany(x => x.SubTasks), s => Assert.Equal(RbTaskStatus.Stopped, s.Status));

        var started = await new TasksApi(t.Client).StartAsync(targets.Select(x => x.Id), default);
        Assert.All(started, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(
            await new TasksApi(t.Client).GetAsync(targets.Select(x => x.Id), default),
            x => Assert.Equal(RbTaskStatus.Waiting, x.Status));
    }

    [Fact]
    public async Task A_mixed_batch_reports_each_task_and_changes_only_those_that_fit()
    {
        var all = await All();
        var rendering = all.First(x => x.Status == RbTaskStatus.Rendering);
        var finished = all.First(x => x.Status == RbTaskStatus.Finished);
        var results = await new TasksApi(t.Client).StopAsync(new[] { rendering.Id, finished.Id, 42L }, default);
        Assert.True(results.Single(r => r.Id == rendering.Id).Succeeded);
        var refused = Refusal.Of(results.Single(r => r.Id == finished.Id).Error);
        Assert.Equal("Rb.Fail", refused.Id);
        Assert.Contains(finished.Id.ToString(), refused.Message);
        Assert.Contains("finished", refused.Message, StringComparison.OrdinalIgnoreCase);
        var missing = Refusal.Of(results.Single(r => r.Id == 42).Error);
        Assert.Equal(("Rb.TaskNotFound", true), (missing.Id, missing.Message.Contains("does not exist")));
        var after = await new TasksApi(t.Client).GetAsync(new[] { rendering.Id, finished.Id }, default);
        Assert.Equal(RbTaskStatus.Stopped, after.Single(x => x.Id == rendering.Id).Status);
        Assert.Equal(RbTaskStatus.Finished, after.Single(x => x.Id == finished.Id).Status);
    }

    [Fact]
    public async Task Starting_a_task_that_is_not_stopped_is_refused_with_its_status()
    {
        var waiting = (await All(new RbTaskQuery { Status = new[] { RbTaskStatus.Waiting } })).First();
        var result = Assert.Single(await new TasksApi(t.Client).StartAsync(new[] { waiting.Id }, default));
        Assert.Contains("waiting", Refusal.Of(result.Error).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Rb.Fail", Refusal.Of(result.Error).Id);
    }

    [Fact]
    public async Task Bulk_stops_send_at_most_100_ids_a_call()
    {
        using var big = new TestEmulator(taskCount: 1200, seed: 7);
        var targets = await new TasksApi(big.Client).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting,
            RbTaskStatus.Preprocessing } }).ReadAllAsync(default);
        Assert.True(targets.Count > 100, $"needs more than 100 stoppable tasks, has {targets.Count}");
        big.Emulator.ClearRequests();
        var results = await new TasksApi(big.Client).StopAsync(targets.Select(x => x.Id), default);
        Assert.Equal(targets.Count, results.Count(r => r.Succeeded));
        var calls = big.Emulator.Requests.Select(r => r.IdCount).ToList();
        Assert.Equal((targets.Count + 99) / 100, calls.Count);
        Assert.All(calls, n => Assert.InRange(n, 1, 100));
    }
}
