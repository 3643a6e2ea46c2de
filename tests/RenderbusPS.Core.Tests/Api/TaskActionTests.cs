using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>Task actions against the emulator: abandon, delete, resubmit, settings, labels.</summary>
public class TaskActionTests : IDisposable
{
    // 2,000 tasks: well over a hundred in every status, so batches of 100 are crossed
    private readonly TestEmulator t = new(taskCount: 2000, seed: 6);

    public void Dispose() => t.Dispose();

    private TasksApi Api => new TasksApi(t.Client);

    private Task<IReadOnlyList<RbTask>> Live(params RbTaskStatus[] status) =>
        Api.List(new RbTaskQuery { Status = status }).ReadAllAsync(default);

    private async Task<RbTask> One(long id) => (await Api.GetAsync(new[] { id }, default)).Single();

    private int Sent(string operation) => t.Emulator.Requests.Count(r => r.Operation == operation);

    [Fact]
    public async Task Abandon_stops_every_waiting_and_rendering_frame_for_good_and_start_refuses_the_task()
    {
        var rendering = await Live(RbTaskStatus.Rendering, RbTaskStatus.Waiting);
        Assert.True(rendering.Count > 150);
        var finished = (await Live(RbTaskStatus.Finished)).First();
        var ids = rendering.Take(150).Select(x => x.Id).Append(finished.Id).ToList();

        var results = await Api.AbandonAsync(ids, default);

        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.All(results.Take(150), r => Assert.True(r.Succeeded, r.ToString()));
        var refused = Refusal.Of(results.Last().Error);
        Assert.Equal("Rb.Fail", refused.Id);
        Assert.Contains("finished", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(RbTaskStatus.Finished, (await One(finished.Id)).Status);

        t.Emulator.Advance(TimeSpan.FromHours(3));
        var after = await Api.GetAsync(ids.Take(150), default);
        Assert.All(after, x => Assert.Equal(RbTaskStatus.Abandoned, x.Status));
        Assert.All(after.SelectMany(x => x.SelfAndSubTasks()), x => Assert.Equal(RbTaskStatus.Abandoned, x.Status));
        Assert.All(after, x => Assert.Equal(0, x.ExecutingFrames));
        var frames = await new FramesApi(t.Client).List(ids[0]).ReadAllAsync(default);
        Assert.DoesNotContain(frames, f => f.Status == RbFrameStatus.Waiting || f.Status == RbFrameStatus.Rendering);
        Assert.Contains(frames, f => f.Status == RbFrameStatus.Stopped);

        var restart = await Api.StartAsync(ids.Take(3), default);
        Assert.All(
            restart, r => Assert.Contains(
            "abandoned", Refusal.Of(r.Error).Message, StringComparison.OrdinalIgnoreCase));
        var resubmit = await Api.RestartAsync(ids.Take(3), new[] { RbFrameStatus.Stopped }, default);
        Assert.All(resubmit, r => Assert.False(r.Succeeded));
    }

    [Fact]
    public async Task Delete_moves_tasks_to_the_recycle_bin_and_refuses_a_rendering_task()
    {
        var done = await Live(RbTaskStatus.Finished, RbTaskStatus.Stopped);
        var rendering = (await Live(RbTaskStatus.Rendering)).First();
        var ids = done.Take(120).Select(x => x.Id).Append(rendering.Id).ToList();
        var binBefore = (await Api.List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default)).Count;

        var results = await Api.DeleteAsync(ids, default);

        Assert.All(results.Take(120), r => Assert.True(r.Succeeded, r.ToString()));
        var refused = Refusal.Of(results.Single(r => r.Id == rendering.Id).Error);
        Assert.Equal("Rb.Fail", refused.Id);
        Assert.Contains("Rendering", refused.Message);
        // batches of 100 and 21; the refused 21 are looked up once and the 20 that can go are sent again together
        Assert.Equal(2 + 1, Sent("deleteTask"));
        var live = (await Api.List(new RbTaskQuery()).ReadAllAsync(default)).Select(x => x.Id).ToHashSet();
        Assert.DoesNotContain(ids.Take(120), live.Contains);
        Assert.Contains(rendering.Id, live);
        var bin = await Api.List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default);
        Assert.Equal(binBefore + 120, bin.Count);
        Assert.All(await Api.GetAsync(ids.Take(120), default), x => Assert.True(x.IsDeleted));
        // a deleted task is gone: deleting it again is refused
        Assert.False((await Api.DeleteAsync(ids.Take(1), default)).Single().Succeeded);
    }

    [Fact]
    public async Task Restart_resubmits_failed_frames_which_then_render_and_leaves_tasks_without_them_alone()
    {
        var failed = await Live(RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed);
        Assert.True(failed.Count > 100);
        var finished = (await Live(RbTaskStatus.Finished)).First();
        var ids = failed.Select(x => x.Id).Append(finished.Id).ToList();
        var failedBefore = failed.Sum(x => x.FailedFrames);

        var results = await Api.RestartAsync(ids, null, default);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal((ids.Count + 99) / 100, Sent("recommitTasks"));
        var after = await Api.GetAsync(failed.Select(x => x.Id), default);
        Assert.All(after, x => Assert.Equal(0, x.FailedFrames));
        Assert.All(after, x => Assert.Equal(RbTaskStatus.Waiting, x.Status));
        var frames = await new FramesApi(t.Client).List(failed[0].Id).ReadAllAsync(default);
        var again = frames.Where(f => f.RecommitCount == 1).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, f => { Assert.Equal(RbFrameStatus.Waiting, f.Status); Assert.Null(f.StartedAt); });
        var untouched = await One(finished.Id);
        Assert.Equal(RbTaskStatus.Finished, untouched.Status);

        // the farm renders them: a resubmitted frame does not fail again
        t.Emulator.Advance(TimeSpan.FromHours(6));
        var rendered = await Api.GetAsync(failed.Select(x => x.Id), default);
        Assert.All(rendered, x => Assert.Equal(0, x.FailedFrames));
        Assert.Equal(failedBefore, rendered.Sum(x => x.DoneFrames) - failed.Sum(x => x.DoneFrames));
        Assert.All(
            rendered, x => Assert.Contains(
            x.Status, new[] { RbTaskStatus.Finished, RbTaskStatus.FinishedWithStoppedFrames }));
    }

    [Fact]
    public async Task Restart_with_a_frame_status_resubmits_only_those_frames()
    {
        var stopped = (await Live(RbTaskStatus.FinishedWithStoppedFrames)).Take(5).ToList();
        var results = await Api.RestartAsync(stopped.Select(x => x.Id), new[] { RbFrameStatus.Stopped }, default);
        Assert.All(results, r => Assert.True(r.Succeeded));
        var after = await Api.GetAsync(stopped.Select(x => x.Id), default);
        Assert.All(after, x => Assert.Equal(0, x.AbortedFrames));
        Assert.Equal(stopped.Select(x => x.DoneFrames), after.Select(x => x.DoneFrames));
    }

    [Fact]
    public async Task Paging_a_filtered_list_while_restarting_each_page_restarts_every_task_exactly_once()
    {
        var query = new RbTaskQuery { Status = new[] { RbTaskStatus.Failed, RbTaskStatus.FinishedWithFailedFrames } };
        var expected = (await Api.List(query).ReadAllAsync(default)).Select(x => x.Id).ToList();
        Assert.True(expected.Count > 200);
        var seen = new List<long>();
        using (var pager = Api.List(query))
        {
            while (!pager.IsDone)
            {
                var page = await pager.NextAsync(default);
                seen.AddRange(page.Select(x => x.Id));
                Assert.All(
                    await Api.RestartAsync(page.Select(x => x.Id), null, default), r => Assert.True(r.Succeeded));
            }
        }
        Assert.Equal(expected.OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Empty(await Api.List(query).ReadAllAsync(default));
        foreach (var id in expected.Take(20))
        {
            var frames = await new FramesApi(t.Client).List(id).ReadAllAsync(default);
            Assert.DoesNotContain(frames, f => f.RecommitCount > 1);
            Assert.Contains(frames, f => f.RecommitCount == 1);
        }
    }

    [Fact]
    public async Task Settings_are_stored_read_back_and_sent_one_request_per_setting_per_batch()
    {
        var tasks = (await Live(RbTaskStatus.Stopped, RbTaskStatus.UserStopped)).Take(130).Select(x => x.Id).ToList();
        Assert.Equal(130, tasks.Count);
        var results = await Api.SetAsync(
            tasks, new RbTaskSettings { TimeoutStop = TimeSpan.FromHours(2), HardwareConfigId = 303 }, default);
        Assert.Equal(260, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, Sent("setTaskOverTimeStop"));
        Assert.Equal(2, Sent("editTaskHardwareConfig"));
        var after = await Api.GetAsync(tasks, default);
        Assert.All(after, x => Assert.Equal(TimeSpan.FromHours(2), x.TimeoutStop));
        Assert.All(after, x => Assert.Equal(128, x.Ram));
        var configs = await Api.GetHardwareConfigsAsync(tasks[0], default);
        Assert.Equal(303, configs.Single(c => c.Current).HardwareConfigId);

        var some = tasks.Take(3).ToList();
        var set = await Api.SetAsync(some, new RbTaskSettings { Priority = 60, MachineLimit = 3 }, default);
        Assert.Equal(6, set.Count);
        Assert.Equal(3, Sent("updateTaskUserLevel"));
        Assert.Equal(3, Sent("updateTaskLimit"));
        Assert.All(
            await Api.GetAsync(some, default), x => { Assert.Equal(60, x.Priority); Assert.Equal(3, x.MachineLimit); });
    }

    [Fact]
    public async Task The_farm_follows_the_machine_limit_full_speed_and_time_out()
    {
        var tasks = (await Live(RbTaskStatus.Finished)).Where(x => x.SubTasks.Count == 0 && x.TotalFrames >= 30).Take(4)
            .Select(x => x.Id).ToList();
        Assert.Equal(4, tasks.Count);
        await Api.SetAsync(tasks, new RbTaskSettings { MachineLimit = 10 }, default);
        await Api.SetAsync(new[] { tasks[0] }, new RbTaskSettings { MachineLimit = 2 }, default);
        await Api.SetAsync(new[] { tasks[1] }, new RbTaskSettings { FullSpeed = true }, default);
        await Api.SetAsync(new[] { tasks[2] }, new RbTaskSettings { TimeoutStop = TimeSpan.FromSeconds(30) }, default);
        // every frame renders again; a minute later each task has had its nodes for a while
        Assert.All(
            await Api.RestartAsync(tasks, new[] { RbFrameStatus.Finished }, default), r => Assert.True(r.Succeeded));
        t.Emulator.Advance(TimeSpan.FromMinutes(1));
        var now = await Api.GetAsync(tasks, default);
        Assert.Equal(2, now[0].ExecutingFrames);
        Assert.True(now[1].ExecutingFrames > 10, $"{now[1].ExecutingFrames} frames rendering at full speed");
        Assert.True(
            now[3].ExecutingFrames <= 10 && now[3].ExecutingFrames > 0,
            $"{now[3].ExecutingFrames} frames rendering on 10 nodes");
        t.Emulator.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(RbTaskStatus.TimeoutStopped, (await One(tasks[2])).Status);
    }

    [Fact]
    public async Task Bad_settings_are_refused_before_anything_is_sent()
    {
        var id = (await Live(RbTaskStatus.Stopped)).First().Id;
        t.Emulator.ClearRequests();
        Assert.Equal(
            "Rb.InvalidPriority", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => Api.SetAsync(new[] { id }, new RbTaskSettings { Priority = 55 }, default))).ErrorId);
        Assert.Equal(
            "Rb.InvalidTimeoutStop", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => Api.SetAsync(
            new[] { id }, new RbTaskSettings { TimeoutStop = TimeSpan.FromMilliseconds(1500) }, default))).ErrorId);
        Assert.Equal(
            "Rb.InvalidMachineLimit", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => Api.SetAsync(new[] { id }, new RbTaskSettings { MachineLimit = 0 }, default))).ErrorId);
        Assert.Equal(
            "Rb.NoSetting", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => Api.SetAsync(new[] { id }, new RbTaskSettings(), default))).ErrorId);
        Assert.Empty(t.Emulator.Requests);
        // an unknown or disabled configuration is refused after the list is read, before any change is sent
        Assert.Equal(
            "Rb.UnknownHardwareConfig", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => Api.SetAsync(new[] { id }, new RbTaskSettings { HardwareConfigId = 343 }, default))).ErrorId);
        Assert.Equal(new[] { "hardwareConfigList" }, t.Emulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task A_task_refuses_one_setting_and_takes_the_other()
    {
        var maya = (await Live(RbTaskStatus.Stopped)).First(x => x.SoftwareId == 2000);
        var blender = (await Live(RbTaskStatus.Stopped)).First(x => x.SoftwareId == 2007);
        var results = await Api.SetAsync(
            new[] { maya.Id, blender.Id }, new RbTaskSettings { HardwareConfigId = 337, Priority = 60 }, default);
        var mayaHardware = results.Single(r => r.Id == maya.Id && r.Setting == "HardwareConfig");
        Assert.Contains("does not render software 2000", Assert.IsType<RbApiException>(mayaHardware.Error).ApiMessage);
        Assert.True(results.Single(r => r.Id == maya.Id && r.Setting == "Priority").Succeeded);
        Assert.True(results.Single(r => r.Id == blender.Id && r.Setting == "HardwareConfig").Succeeded);
        Assert.Equal(60, (await One(maya.Id)).Priority);
        Assert.Equal(
            337, (await Api.GetHardwareConfigsAsync(blender.Id, default)).Single(c => c.Current).HardwareConfigId);
        Assert.NotEqual(
            337, (await Api.GetHardwareConfigsAsync(maya.Id, default)).Single(c => c.Current).HardwareConfigId);
    }

    [Fact]
    public async Task Labels_stick_show_on_tasks_and_come_off_by_name_or_id()
    {
        var ids = (await Live(RbTaskStatus.Finished)).Take(110).Select(x => x.Id).ToList();
        Assert.All(await Api.AddLabelAsync(ids, "lookdev", default), r => Assert.True(r.Succeeded));
        Assert.All(await Api.AddLabelAsync(ids.Take(5), "client-review", default), r => Assert.True(r.Succeeded));
        var labelled = await Api.GetAsync(ids, default);
        Assert.All(labelled, x => Assert.Contains(x.Labels, l => l.Name == "lookdev"));
        var lookdev = labelled[0].Labels.Single(l => l.Name == "lookdev").LabelId;
        Assert.Equal(new[] { "client-review", "lookdev" }, labelled[0].Labels.Select(l => l.Name));
        var listed = (
            await Api.List(new RbTaskQuery { Status = new[] { RbTaskStatus.Finished } }).ReadAllAsync(default))
            .Single(x => x.Id == ids[0]);
        Assert.Equal(2, listed.Labels.Count);

        var removed = await Api.RemoveLabelsAsync(ids.Skip(5).Append(ids[0]), new[] { "LOOKDEV" }, null, default);
        Assert.All(removed, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(
            await Api.GetAsync(ids, default), x => Assert.DoesNotContain(
            x.Labels, l => l.Name == "lookdev" && x.Id != ids[1] && x.Id != ids[2] && x.Id != ids[3]
            && x.Id != ids[4]));
        var missing = (await Api.RemoveLabelsAsync(new[] { ids[0] }, new[] { "lookdev" }, null, default)).Single();
        Assert.Equal("Rb.LabelNotFound", Assert.IsType<RbValidationException>(missing.Error).ErrorId);

        Assert.All(
            await Api.RemoveLabelsAsync(ids.Skip(1).Take(4), null, new[] { lookdev }, default),
            r => Assert.True(r.Succeeded));
        Assert.All(
            await Api.GetAsync(ids.Take(5), default), x => Assert.Equal(
            new[] { "client-review" }, x.Labels.Select(l => l.Name)));
        Assert.Equal(
            "Rb.InvalidLabelName", (
            await Assert.ThrowsAsync<RbValidationException>(() => Api.AddLabelAsync(ids, "  ", default))).ErrorId);
    }
}
