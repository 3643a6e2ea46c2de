using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>A task's frames over API 2.0 (query_task's jobs): the same frames as REST lists.</summary>
public class Api2FrameTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 60, seed: 21);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 8), default);

    private static readonly RbFrameStatus[] Worded = { RbFrameStatus.Finished, RbFrameStatus.Rendering,
        RbFrameStatus.Failed, RbFrameStatus.Stopped, RbFrameStatus.TimedOut };

    private async Task<RbTask> TaskWithFramesAsync()
    {
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        return tasks.First(x => x.TotalFrames > 3 && x.DoneFrames > 0);
    }

    [Fact]
    public async Task Lists_the_same_frames_as_REST_with_query_task_even_under_faults()
    {
        using var session = await ConnectAsync();
        Assert.IsType<Api2FramesApi>(session.FrameReader);
        var task = await TaskWithFramesAsync();
        var rest = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "query_task", Code = 500 });
        var api2 = await session.FrameReader.List(new RbFrameQuery { TaskId = task.Id }).ReadAllAsync(default);
        Assert.Equal(rest.Select(f => (f.FrameId, f.TaskId, f.FrameIndex)),
            api2.Select(f => (f.FrameId, f.TaskId, f.FrameIndex)));
        foreach (var (r, a) in rest.Zip(api2))
        {
            if (Worded.Contains(r.Status)) Assert.Equal(r.Status, a.Status);
            // API 2.0 writes the time to the second
            Assert.Equal(r.StartedAt.HasValue, a.StartedAt.HasValue);
            if (r.StartedAt.HasValue) Assert.InRange((r.StartedAt - a.StartedAt)!.Value.TotalSeconds, 0, 1);
            Assert.True(a.Extra.ContainsKey("job_status"));
        }
        Assert.All(t.Emulator.Requests, r => Assert.Equal("query_task", r.Operation));
        Assert.True(t.Emulator.Requests.Count >= 2, "the fault was not injected");

        var done = await session.FrameReader.List(new RbFrameQuery
        {
            TaskId = task.Id, Status = new[] { RbFrameStatus.Finished },
        }).ReadAllAsync(default);
        Assert.Equal(rest.Where(f => f.Status == RbFrameStatus.Finished).Select(f => f.FrameId),
            done.Select(f => f.FrameId));
        var two = await session.FrameReader.List(new RbFrameQuery { TaskId = task.Id, Skip = 1, First = 2 })
            .ReadAllAsync(default);
        Assert.Equal(rest.Skip(1).Take(2).Select(f => f.FrameId), two.Select(f => f.FrameId));
    }

    [Fact]
    public async Task Gets_one_frame_and_names_what_is_missing()
    {
        using var session = await ConnectAsync();
        var task = await TaskWithFramesAsync();
        var rest = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        var one = await session.FrameReader.GetAsync(task.Id, rest[1].FrameId, default);
        Assert.Equal(rest[1].FrameIndex, one.FrameIndex);
        var noFrame = await Assert.ThrowsAsync<RbValidationException>(()
            => session.FrameReader.GetAsync(task.Id, 987654321, default));
        Assert.Equal("Rb.FrameNotFound", noFrame.ErrorId);
        var noTask = await Assert.ThrowsAsync<RbValidationException>(()
            => session.FrameReader.List(new RbFrameQuery { TaskId = 987654321 }).ReadAllAsync(default));
        Assert.Equal("Rb.TaskNotFound", noTask.ErrorId);
    }

    [Fact]
    public async Task Reads_a_render_log_as_REST_does_and_needs_the_task()
    {
        using var session = await ConnectAsync();
        var task = await TaskWithFramesAsync();
        var rest = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        var frame = rest.First(f => f.Status == RbFrameStatus.Finished);
        var restLines = new List<RbFrameLogLine>();
        using (var reader = new FramesApi(t.Client).ReadLog(frame.FrameId))
            while (!reader.IsDone) restLines.AddRange(await reader.NextAsync(default));
        Assert.NotEmpty(restLines);
        t.Emulator.ClearRequests();
        var logs = session.FrameLogs;
        Assert.IsType<Api2FrameLogs>(logs);
        using var pages = logs.ReadLog(frame.FrameId, frame.TaskId);
        var lines = await pages.NextAsync(default);
        Assert.True(pages.IsDone);
        Assert.Equal(restLines.Select(l => l.Text), lines.Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(n => (long?)n), lines.Select(l => l.LineNumber));
        var tail = await logs.ReadLogTailAsync(frame.FrameId, frame.TaskId, 2, default);
        Assert.Equal(restLines.TakeLast(2).Select(l => l.Text), tail.Select(l => l.Text));
        Assert.All(t.Emulator.Requests, r => Assert.Equal("query_task", r.Operation));
        t.Emulator.ClearRequests();
        var noTask = Assert.Throws<RbValidationException>(() => logs.ReadLog(frame.FrameId, null));
        Assert.Equal("Rb.TaskIdRequired", noTask.ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }
}
