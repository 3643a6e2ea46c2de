using System.Runtime.CompilerServices;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>RbCostRollup: task costs added up by group as a listing streams through it, exactly, keeping only the
/// groups.</summary>
public class CostTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static async Task<(RbCostRollup Rollup, List<RbTask> Tasks)> RollUp(TestEmulator t, RbCostGroup[] by)
    {
        var rollup = new RbCostRollup(by, Utc);
        var seen = new List<RbTask>();
        using var pager = new TasksApi(t.Client).List(new RbTaskQuery());
        while (!pager.IsDone)
        {
            var page = await pager.NextAsync(default);
            foreach (var task in page) rollup.Add(task);
            seen.AddRange(page);
        }
        return (rollup, seen);
    }

    [Fact]
    public async Task At_ten_thousand_tasks_the_groups_add_up_exactly_to_the_tasks_for_every_grouping()
    {
        using var t = new TestEmulator(taskCount: 10_000, seed: 4);
        var groupings = new[]
        {
            new[] { RbCostGroup.Project }, new[] { RbCostGroup.Software, RbCostGroup.Day },
            new[] { RbCostGroup.Status, RbCostGroup.Submitter, RbCostGroup.Project }, new[] { RbCostGroup.Label },
            Array.Empty<RbCostGroup>(),
        };
        foreach (var by in groupings)
        {
            var (rollup, tasks) = await RollUp(t, by);
            Assert.True(tasks.Count > 9_000, $"listed only {tasks.Count} tasks");
            var results = rollup.Results();
            var sum = tasks.Sum(x => x.Cost);
            Assert.True(sum > 1000m, "the account should cost something, costs " + sum);
            Assert.Equal(sum, results.Sum(g => g.Cost));
            Assert.Equal(sum, rollup.Total);
            Assert.Equal(tasks.Count, results.Sum(g => g.Count));
            Assert.Equal(tasks.Sum(x => (long)x.DoneFrames), results.Sum(g => g.DoneFrames));
            Assert.Equal(tasks.Sum(x => (long)x.FailedFrames), results.Sum(g => g.FailedFrames));
            Assert.InRange(results.Sum(g => g.Share), sum > 0 ? 99.999 : 0, 100.001);
            Assert.Equal(results.OrderByDescending(g => g.Cost).Select(g => g.Cost), results.Select(g => g.Cost));
        }
    }

    [Fact]
    public async Task Each_group_holds_the_cost_frames_and_render_time_of_its_own_tasks()
    {
        using var t = new TestEmulator(taskCount: 600, seed: 5);
        var (rollup, tasks) = await RollUp(t, new[] { RbCostGroup.Project, RbCostGroup.Software });
        var results = rollup.Results();
        var expected = tasks.GroupBy(x => (x.ProjectName, x.Software)).ToList();
        Assert.Equal(expected.Count, results.Count);
        foreach (var g in expected)
        {
            var group = Assert.Single(results, r => r.Project == g.Key.ProjectName && r.Software == g.Key.Software);
            var project = g.Key.ProjectName is { Length: > 0 } p ? p : "(no project)";
            Assert.Equal($"{project} / {g.Key.Software}", group.Group);
            Assert.Equal(g.Count(), group.Count);
            Assert.Equal(g.Sum(x => x.Cost), group.Cost);
            Assert.Equal(g.Sum(x => (long)x.TotalFrames), group.TotalFrames);
            var durations = g.Where(x => x.RenderDuration.HasValue).ToList();
            var renderTime = TimeSpan.FromTicks(durations.Sum(x => x.RenderDuration!.Value.Ticks));
            Assert.Equal(durations.Count == 0 ? null : renderTime, group.RenderTime);
            Assert.Equal((double)(group.Cost * 100m / rollup.Total), group.Share);
            Assert.Null(group.Day);
            Assert.Null(group.Status);
        }
    }

    [Fact]
    public async Task Tasks_with_several_labels_are_one_group_of_all_their_labels_and_the_unlabelled_one_more()
    {
        using var t = new TestEmulator(taskCount: 300, seed: 6);
        var listed = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        var top = listed.Take(12).Select(x => x.Id).ToList();
        await new TasksApi(t.Client).AddLabelAsync(top.Take(8), "lookdev", default);
        await new TasksApi(t.Client).AddLabelAsync(top.Skip(4).Take(8), "Comp", default);

        var (rollup, tasks) = await RollUp(t, new[] { RbCostGroup.Label });
        var results = rollup.Results();
        Assert.Equal(tasks.Sum(x => x.Cost), results.Sum(g => g.Cost));
        Assert.Equal(4, Assert.Single(results, g => g.Label == "lookdev").Count);
        Assert.Equal(4, Assert.Single(results, g => g.Label == "Comp, lookdev").Count);
        Assert.Equal(4, Assert.Single(results, g => g.Label == "Comp").Count);
        var none = Assert.Single(results, g => g.Label == "");
        Assert.Equal("(no label)", none.Group);
        Assert.Equal(tasks.Count - 12, none.Count);
    }

    [Fact]
    public async Task A_filter_counts_only_the_tasks_it_keeps_over_several_pages_under_faults()
    {
        using var t = new TestEmulator(taskCount: 1200, seed: 7);
        var (_, all) = await RollUp(t, Array.Empty<RbCostGroup>());
        var project = all.GroupBy(x => x.ProjectName).OrderByDescending(g => g.Count()).First().Key;

        var rates = t.Emulator.Faults.Rates;
        rates.Seed = 3;
        rates.Unavailable = 0.1;
        rates.Dropped = 0.05;
        rates.Html = 0.02;
        var rollup = new RbCostRollup(new[] { RbCostGroup.Status }, Utc, x => x.ProjectName == project);
        using (var pager = new TasksApi(t.Client).List(new RbTaskQuery { PageSize = 50 }))
        {
            while (!pager.IsDone) await rollup.AddPageAsync(pager, default);
        }
        rates.Clear();
        var hits = t.Emulator.Requests.Count(r => r.Operation == "getTaskList" && r.Code != RbCodes.Success);
        Assert.True(hits > 2, $"the faults hit {hits} pages");
        var mine = all.Where(x => x.ProjectName == project).ToList();
        Assert.Equal(mine.Count, rollup.TaskCount);
        Assert.Equal(mine.Sum(x => x.Cost), rollup.Results().Sum(g => g.Cost));
        Assert.All(rollup.Results(), g => Assert.Equal(mine.Where(x => x.Status == g.Status).Sum(x => x.Cost), g.Cost));
    }

    [Fact]
    public async Task Sub_tasks_right_after_their_parent_are_in_its_cost_and_a_sub_task_alone_is_counted()
    {
        using var t = new TestEmulator(taskCount: 200, seed: 9);
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.Contains(tasks, x => x.SubTasks.Count > 0);
        var layered = new RbCostRollup(new[] { RbCostGroup.Project }, Utc);
        foreach (var x in tasks.SelectMany(x => x.SelfAndSubTasks())) layered.Add(x);
        Assert.Equal(tasks.Sum(x => x.Cost), layered.Total);
        Assert.Equal(tasks.Count, layered.TaskCount);
        Assert.Equal(tasks.Sum(x => x.SelfAndSubTasks().Count() - 1), layered.SubTasksInParent);

        var alone = tasks.First(x => x.SubTasks.Count > 0 && x.SubTasks[0].Cost > 0).SubTasks[0];
        var one = new RbCostRollup(null, Utc);
        one.Add(alone);
        Assert.Equal(alone.Cost, Assert.Single(one.Results()).Cost);
    }

    [Fact]
    public void Days_are_the_days_of_the_time_zone_given()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");
        var march1 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var late = new RbTask { Id = 1, Cost = 1.10m, SubmittedAt = march1.AddHours(14.5) };
        var later = new RbTask { Id = 2, Cost = 2.25m, SubmittedAt = march1.AddHours(15.5) };
        var undated = new RbTask { Id = 3, Cost = 0.65m };

        var inTokyo = new RbCostRollup(new[] { RbCostGroup.Day }, tokyo);
        var inUtc = new RbCostRollup(new[] { RbCostGroup.Day }, Utc);
        foreach (var x in new[] { late, later, undated })
        {
            inTokyo.Add(x);
            inUtc.Add(x);
        }
        var days = new DateTime?[] { new DateTime(2026, 3, 2), new DateTime(2026, 3, 1), null };
        Assert.Equal(days, inTokyo.Results().Select(g => g.Day));
        Assert.Equal(new[] { "2026-03-02", "2026-03-01", "(no day)" }, inTokyo.Results().Select(g => g.Group));
        var utcDay = inUtc.Results()[0];
        Assert.Equal(new DateTime(2026, 3, 1), utcDay.Day);
        Assert.Equal(3.35m, utcDay.Cost);
        Assert.Equal(83.75, utcDay.Share);
    }

    [Fact]
    public void Without_grouping_there_is_one_group_even_of_nothing_and_nothing_costs_no_share()
    {
        var empty = Assert.Single(new RbCostRollup(null, Utc).Results());
        Assert.Equal("All tasks", empty.Group);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0m, empty.Cost);
        Assert.Equal(0, empty.Share);
        Assert.Empty(new RbCostRollup(new[] { RbCostGroup.Project }, Utc).Results());

        var free = new RbCostRollup(new[] { RbCostGroup.Status }, Utc);
        free.Add(new RbTask { Id = 1, Status = RbTaskStatus.Waiting });
        Assert.Equal(RbTaskStatus.Waiting, Assert.Single(free.Results()).Status);
        Assert.Equal(0, free.Results()[0].Share);
    }

    /// <summary>
    /// The memory claim, checked without a clock: a hundred thousand tasks stream through and none of them is kept
    /// (each can be collected once added), while the groups stay as few as the values grouped by.
    /// </summary>
    [Fact]
    public void A_hundred_thousand_tasks_stream_through_and_only_the_groups_are_kept()
    {
        var rollup = new RbCostRollup(new[] { RbCostGroup.Project, RbCostGroup.Status }, Utc);
        var sample = Feed(rollup, 100_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(100_000, rollup.TaskCount);
        Assert.Equal(5 * 3, rollup.GroupCount);
        var total = 100_000 * 0.01m + Enumerable.Range(0, 100_000).Sum(i => (i % 7) * 0.25m);
        Assert.Equal(total, rollup.Total);
        Assert.Equal(rollup.Total, rollup.Results().Sum(g => g.Cost));
        Assert.Equal(0, sample.Count(w => w.IsAlive));
    }

    /// <summary>Adds made-up tasks, each with sub-tasks; returns weak references to every thousandth one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> Feed(RbCostRollup rollup, int count)
    {
        var sample = new List<WeakReference>();
        var statuses = new[] { RbTaskStatus.Finished, RbTaskStatus.Rendering, RbTaskStatus.Failed };
        for (var i = 0; i < count; i++)
        {
            var task = new RbTask
            {
                Id = 1_000_000 + i, ProjectName = "project" + (i % 5), Status = statuses[i % 3],
                Cost = 0.01m + (i % 7) * 0.25m,
                SubTasks = new[] { new RbTask { Id = 10_000_000 + i, ParentId = 1_000_000 + i } },
            };
            rollup.Add(task);
            if (i % 1000 == 0) sample.Add(new WeakReference(task));
        }
        return sample;
    }
}
