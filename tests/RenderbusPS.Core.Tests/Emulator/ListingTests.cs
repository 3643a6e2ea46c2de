using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The emulator keeps the task list's order and a listing's matches between pages; they must still follow every change:
/// the farm moving tasks from one status to another, and requests creating tasks. The request log tells how long each
/// answer took and how big it was.
/// </summary>
public class EmulatorListingTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 400, seed: 9);

    public void Dispose() => t.Dispose();

    private Task<IReadOnlyList<RbTask>> All(params RbTaskStatus[] status)
        => new TasksApi(t.Client).List(new RbTaskQuery { Status = status, PageSize = 20 }).ReadAllAsync(default);

    [Fact]
    public async Task A_listing_by_status_follows_the_farm_from_one_listing_to_the_next()
    {
        var rendering = await All(RbTaskStatus.Rendering);
        Assert.True(rendering.Count > 20, "needs more than a page of rendering tasks, has " + rendering.Count);
        Assert.All(rendering, x => Assert.Equal(RbTaskStatus.Rendering, x.Status));

        // a few minutes on, some have finished and some waiting ones have started
        t.Emulator.Advance(TimeSpan.FromMinutes(10));
        var later = await All(RbTaskStatus.Rendering);
        Assert.All(later, x => Assert.Equal(RbTaskStatus.Rendering, x.Status));
        Assert.NotEqual(rendering.Select(x => x.Id).OrderBy(x => x), later.Select(x => x.Id).OrderBy(x => x));
        var now = await new TasksApi(t.Client).GetAsync(rendering.Select(x => x.Id), default);
        Assert.Equal(
            now.Where(x => x.Status == RbTaskStatus.Rendering).Select(x => x.Id).OrderBy(x => x),
            later.Select(x => x.Id).Intersect(now.Select(x => x.Id)).OrderBy(x => x));

        t.Emulator.Advance(TimeSpan.FromHours(12));
        Assert.Empty(await All(RbTaskStatus.Rendering));
    }

    [Fact]
    public async Task Tasks_created_after_a_listing_come_first_in_the_next_one()
    {
        var before = await All();
        var created = await new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { Count = 2 }, default);
        var after = await All();
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(created.Select(x => x.Id).OrderByDescending(x => x), after.Take(2).Select(x => x.Id));
        Assert.Equal(before.Select(x => x.Id), after.Skip(2).Select(x => x.Id));
    }

    [Fact]
    public async Task Each_logged_request_tells_the_time_the_emulator_spent_on_it_without_an_injected_delay_and_the_size_of_its_answer()
    {
        var some = (await All()).Take(3).Select(x => x.Id).ToList();
        t.Emulator.ClearRequests();
        await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        await new TasksApi(t.Client).GetAsync(some.Take(1), default);
        var log = t.Emulator.Requests;
        var pages = log.Where(r => r.Operation == "getTaskList").ToList();
        var one = log.Single(r => r.Operation == "queryTaskInfo");
        Assert.True(pages.Count >= 4);
        Assert.All(log, r => Assert.True(r.ServerTime > TimeSpan.Zero, r.ToString()));
        // a full page of 100 tasks with their passes is some 250 KB; one task is a few KB
        Assert.All(
            pages.Take(pages.Count - 1), r => Assert.True(
            r.ResponseBytes > 20 * one.ResponseBytes, $"{r.ResponseBytes} vs {one.ResponseBytes}"));
        Assert.InRange(one.ResponseBytes, 500, 20_000);

        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(1);
        t.Emulator.ClearRequests();
        await new TasksApi(t.Client).GetAsync(some, default);
        t.Emulator.Faults.Delay = TimeSpan.Zero;
        var delayed = t.Emulator.Requests.Single();
        Assert.True(
            delayed.ServerTime > TimeSpan.Zero && delayed.ServerTime < TimeSpan.FromSeconds(1),
            delayed.ServerTime.ToString());
    }
}
