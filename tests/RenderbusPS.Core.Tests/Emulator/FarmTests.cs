using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>The emulated farm renders on its own clock: frames start, end, fail and are billed; statuses
/// follow.</summary>
public class FarmTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 120, seed: 5);

    public void Dispose() => t.Dispose();

    private Task<IReadOnlyList<RbTask>> All(params RbTaskStatus[] status)
        => new TasksApi(t.Client).List(new RbTaskQuery { Status = status }).ReadAllAsync(default);

    private async Task<List<RbFrame>> Frames(RbTask task) => (
        await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default)).ToList();

    [Fact]
    public async Task A_stopped_clock_changes_nothing_and_advancing_it_renders_every_busy_task_to_an_end()
    {
        var busy = await All(
            RbTaskStatus.Rendering, RbTaskStatus.Waiting, RbTaskStatus.Preprocessing, RbTaskStatus.Analysing);
        Assert.True(busy.Count >= 10, "needs busy tasks, has " + busy.Count);
        var balanceBefore = (await new AccountApi(t.Client).GetUserAsync(default)).Balance;
        var start = t.Emulator.Now;
        await Task.Delay(300);
        Assert.Equal(start, t.Emulator.Now);
        Assert.Equal(
            busy.Select(x => (x.Id, x.Status, x.DoneFrames)), (
            await new TasksApi(t.Client).GetAsync(busy.Select(x => x.Id), default))
            .Select(x => (x.Id, x.Status, x.DoneFrames)));

        t.Emulator.Advance(TimeSpan.FromHours(12));
        var after = await new TasksApi(t.Client).GetAsync(busy.Select(x => x.Id), default);
        var ended = new[] { RbTaskStatus.Finished, RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed };
        Assert.All(after, x => Assert.Contains(x.Status, ended));
        Assert.All(after, x => Assert.Equal(x.TotalFrames, x.DoneFrames + x.FailedFrames));
        Assert.All(after, x => Assert.InRange(x.CompletedAt!.Value, start, t.Emulator.Now));
        Assert.Contains(after, x => x.FailedFrames > 0);
        Assert.Contains(after, x => x.Status == RbTaskStatus.Finished);

        var spent = after.Sum(x => x.Cost) - busy.Sum(x => x.Cost);
        Assert.True(spent > 0);
        var balanceAfter = (await new AccountApi(t.Client).GetUserAsync(default)).Balance;
        // coupons pay part of the cost; the rest comes off the balance
        Assert.InRange(balanceBefore - balanceAfter, 0.01m, spent);
        Assert.Equal(after.Sum(x => x.AccountCost) - busy.Sum(x => x.AccountCost), balanceBefore - balanceAfter);
    }

    [Fact]
    public async Task Frame_times_follow_the_clock_and_no_more_frames_render_at_once_than_the_nodes_allow()
    {
        var task = (await All(RbTaskStatus.Waiting)).First(
            x => x.SubTasks.Count == 0 && x.MachineLimit == null && x.TotalFrames > EmuNodes);
        var queuedAt = t.Emulator.Now;
        t.Emulator.Advance(TimeSpan.FromHours(1));
        var frames = await Frames(task);
        Assert.All(
            frames, f => Assert.True(
            f.StartedAt >= queuedAt && f.StartedAt < f.EndedAt && f.EndedAt <= t.Emulator.Now, f.ToString()));
        Assert.All(
            frames, f => Assert.Equal(
            (f.EndedAt - f.StartedAt)!.Value.TotalSeconds, f.Duration!.Value.TotalSeconds, 0));
        // at every moment, at most 10 frames of the task (no machine limit set) were rendering
        var peak = frames.SelectMany(f => new[] { (At: f.StartedAt!.Value, D: 1), (At: f.EndedAt!.Value, D: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.D).Aggregate(
                (Now: 0, Max: 0), (acc, e) => (acc.Now + e.D, Math.Max(acc.Max, acc.Now + e.D))).Max;
        Assert.Equal(EmuNodes, peak);
        var done = await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default);
        Assert.Equal(frames.Sum(f => f.Cost + f.CouponCost), done[0].Cost);
    }

    private const int EmuNodes = 10;

    [Fact]
    public async Task At_speed_a_rendering_task_makes_progress_in_real_time()
    {
        var rendering = (await All(RbTaskStatus.Rendering)).OrderBy(x => x.Id).First();
        t.Emulator.Speed = 2000;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        t.Emulator.Speed = 0;
        var later = (await new TasksApi(t.Client).GetAsync(new[] { rendering.Id }, default)).Single();
        Assert.True(
            later.DoneFrames + later.FailedFrames > rendering.DoneFrames + rendering.FailedFrames,
            $"{rendering.DoneFrames} -> {later.DoneFrames}");
        Assert.True(t.Emulator.Now - later.StartedAt > TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task A_3ds_Max_task_renders_its_photon_pass_before_its_main_frames()
    {
        var max = (await All(RbTaskStatus.Waiting)).First(x => x.SubTasks.Any(s => s.TaskType == "RenderPhoton"));
        t.Emulator.Advance(TimeSpan.FromHours(2));
        var frames = await Frames(max);
        var photonEnd = frames.Where(f => f.Type == RbFrameType.Photon).Max(f => f.EndedAt!.Value);
        Assert.All(frames.Where(f => f.Type == RbFrameType.Main), f => Assert.True(f.StartedAt >= photonEnd));
    }

    [Fact]
    public async Task Stopping_a_task_ends_its_rendering_frames_at_the_farm_clock_and_bills_the_time_they_ran()
    {
        var task = (await All(RbTaskStatus.Rendering)).First(x => x.SubTasks.Count == 0);
        var rendering = (await Frames(task)).Where(f => f.Status == RbFrameStatus.Rendering).ToList();
        Assert.NotEmpty(rendering);
        // 18 s: no frame ends that soon (a frame renders 20 s or more), and 18 s on a node costs a cent
        t.Emulator.Advance(TimeSpan.FromSeconds(18));
        var stoppedAt = t.Emulator.Now;
        Assert.All(await new TasksApi(t.Client).StopAsync(new[] { task.Id }, default), r => Assert.True(r.Succeeded));
        var after = (await Frames(task)).Where(f => rendering.Any(r => r.FrameId == f.FrameId)).ToList();
        Assert.All(after, f =>
        {
            Assert.Equal(RbFrameStatus.Stopped, f.Status);
            Assert.Equal(stoppedAt, f.EndedAt);
            Assert.True(
                f.Cost + f.CouponCost > rendering.Single(r => r.FrameId == f.FrameId).Cost
                + rendering.Single(r => r.FrameId == f.FrameId).CouponCost, "billed for the time it ran");
        });
    }

    [Fact]
    public async Task A_task_restarted_while_the_clock_stands_still_queues_first_however_often_it_was_read_before()
    {
        var task = (await All(RbTaskStatus.Rendering)).First(x => x.SubTasks.Count == 0);
        // the task ends during the first read after the jump; more reads at the same frozen instant leave the farm
        // nothing to do, and it must still know when the task went idle
        t.Emulator.Advance(TimeSpan.FromHours(12));
        for (var i = 0; i < 5; i++) Assert.NotEqual(
            RbTaskStatus.Rendering, (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default))
            .Single().Status);
        Assert.All(
            await new TasksApi(t.Client).RestartAsync(
            new[] { task.Id }, new[] { RbFrameStatus.Finished, RbFrameStatus.Failed }, default),
            r => Assert.True(r.Succeeded));
        var frames = await Frames(task);
        Assert.All(frames, f => Assert.Equal(RbFrameStatus.Waiting, f.Status));
        Assert.Equal(
            RbTaskStatus.Waiting, (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single().Status);
        t.Emulator.Advance(TimeSpan.FromHours(2));
        var after = (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single();
        Assert.Contains(
            after.Status, new[] { RbTaskStatus.Finished, RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed });
        Assert.All(await Frames(task), f => Assert.True(f.RecommitCount >= 1));
    }
}
