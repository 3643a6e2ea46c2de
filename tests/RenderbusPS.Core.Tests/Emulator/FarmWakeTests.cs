using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The farm walks only tasks that can change, and of those only the ones with something due; a task or pass a request
/// makes active again still queues from that request, however long it idled and however many reads went by meanwhile.
/// </summary>
public class FarmWakeTests : IDisposable
{
    /// <summary>A task's queue time before its frames get nodes is 15 to 45 seconds.</summary>
    private static readonly TimeSpan ShortestQueue = TimeSpan.FromSeconds(15);

    private readonly TestEmulator t = new(taskCount: 400, seed: 3);

    public void Dispose() => t.Dispose();

    private Task<IReadOnlyList<RbTask>> All(params RbTaskStatus[] status)
        => new TasksApi(t.Client).List(new RbTaskQuery { Status = status }).ReadAllAsync(default);

    private async Task<List<RbFrame>> Frames(long taskId) => (
        await new FramesApi(t.Client).List(taskId).ReadAllAsync(default)).ToList();

    private async Task IdleFor(TimeSpan span, int reads)
    {
        for (var i = 0; i < reads; i++)
        {
            t.Emulator.Advance(TimeSpan.FromTicks(span.Ticks / reads));
            await All();
        }
    }

    [Fact]
    public async Task A_task_started_after_a_long_idle_queues_from_the_moment_it_was_started()
    {
        var task = (await All(RbTaskStatus.Rendering)).First(x => x.SubTasks.Count == 0);
        Assert.All(await new TasksApi(t.Client).StopAsync(new[] { task.Id }, default), r => Assert.True(r.Succeeded));
        await IdleFor(TimeSpan.FromHours(1), reads: 3);

        var startedAt = t.Emulator.Now;
        Assert.All(await new TasksApi(t.Client).StartAsync(new[] { task.Id }, default), r => Assert.True(r.Succeeded));
        t.Emulator.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(await Frames(task.Id), f => f.Status == RbFrameStatus.Rendering);

        t.Emulator.Advance(TimeSpan.FromMinutes(2));
        var again = (await Frames(task.Id)).Where(f => f.StartedAt >= startedAt).ToList();
        Assert.NotEmpty(again);
        Assert.All(
            again, f => Assert.True(
            f.StartedAt >= startedAt + ShortestQueue, $"{f} started {f.StartedAt - startedAt} after the start"));
    }

    [Fact]
    public async Task A_pass_restarted_while_its_sibling_renders_on_queues_from_the_restart()
    {
        var candidates = (await All(RbTaskStatus.Rendering))
            .Where(x => x.SubTasks.Count >= 2 && x.SubTasks.All(
                s => s.Status == RbTaskStatus.Rendering && s.TaskType != "RenderPhoton"))
            .ToList();
        Assert.NotEmpty(candidates);
        var parent = candidates.OrderByDescending(x => x.TotalFrames - x.DoneFrames).First();
        var pass = parent.SubTasks[0];
        var open = (await Frames(pass.Id)).Where(
            f => f.Status == RbFrameStatus.Waiting || f.Status == RbFrameStatus.Rendering).Select(f => f.FrameId)
            .ToList();
        Assert.All(await new FramesApi(t.Client).StopAsync(pass.Id, open, default), r => Assert.True(r.Succeeded));
        // the siblings keep the task busy; reads go by while nothing of it is due
        await IdleFor(TimeSpan.FromSeconds(40), reads: 4);
        var now = (await new TasksApi(t.Client).GetAsync(new[] { parent.Id }, default)).Single();
        Assert.Equal(RbTaskStatus.Rendering, now.Status);
        Assert.NotEqual(RbTaskStatus.Rendering, now.SubTasks.Single(s => s.Id == pass.Id).Status);

        var restartedAt = t.Emulator.Now;
        Assert.All(await new FramesApi(t.Client).RestartAsync(pass.Id, open, default), r => Assert.True(r.Succeeded));
        t.Emulator.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(
            await Frames(pass.Id), f => open.Contains(f.FrameId) && f.Status == RbFrameStatus.Rendering);

        t.Emulator.Advance(TimeSpan.FromMinutes(2));
        var again = (await Frames(pass.Id)).Where(f => open.Contains(f.FrameId) && f.StartedAt.HasValue).ToList();
        Assert.NotEmpty(again);
        Assert.All(
            again, f => Assert.True(
            f.StartedAt >= restartedAt + ShortestQueue, $"{f} started {f.StartedAt - restartedAt} after the restart"));
    }

    [Fact]
    public async Task A_pass_waiting_for_a_photon_pass_that_a_request_stops_starts_from_that_request()
    {
        using var farm = new TestEmulator(taskCount: 2000, seed: 3);
        var waiting = await new TasksApi(farm.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Waiting } })
            .ReadAllAsync(default);
        var max = waiting.Where(x => x.SubTasks.Count == 2 && x.SubTasks[0].TaskType == "RenderPhoton").ToList();
        Assert.True(max.Count >= 10, "needs tasks with a photon pass, has " + max.Count);
        // some main passes get nodes before their photon pass: they wait for it; reads go by while nothing of them is
        // due
        farm.Emulator.Advance(TimeSpan.FromMinutes(15));
        await new TasksApi(farm.Client).GetAsync(max.Select(x => x.Id), default);
        farm.Emulator.Advance(TimeSpan.FromMinutes(1));
        await new TasksApi(farm.Client).GetAsync(max.Select(x => x.Id), default);

        // stop the photon frames that have not started, each a little later: the photon passes end, and the main passes
        // may go
        var stopped = new List<(RbTask Task, DateTimeOffset At)>();
        foreach (var task in max)
        {
            farm.Emulator.Advance(TimeSpan.FromSeconds(10));
            var photon = (await new FramesApi(farm.Client).List(task.SubTasks[0].Id).ReadAllAsync(default)).Single();
            farm.Emulator.Advance(TimeSpan.FromSeconds(10));
            await new TasksApi(farm.Client).GetAsync(new[] { task.Id }, default);
            if (photon.Status != RbFrameStatus.Waiting) continue;
            stopped.Add((task, farm.Emulator.Now));
            Assert.All(
                await new FramesApi(farm.Client).StopAsync(task.SubTasks[0].Id, new[] { photon.FrameId }, default),
                r => Assert.True(r.Succeeded));
        }
        Assert.True(stopped.Count >= 3, "needs photon passes still waiting, has " + stopped.Count);
        farm.Emulator.Advance(TimeSpan.FromMinutes(2));
        var checkedFrames = 0;
        foreach (var (task, at) in stopped)
        {
            var started = (await new FramesApi(farm.Client).List(task.SubTasks[1].Id).ReadAllAsync(default))
                .Where(f => f.StartedAt.HasValue).ToList();
            checkedFrames += started.Count;
            Assert.All(
                started, f => Assert.True(
                f.StartedAt >= at, $"{f} started {at - f.StartedAt} before its photon pass was stopped"));
        }
        Assert.True(checkedFrames > 0);
    }
}
