using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator;

namespace RenderbusPS.Core.Tests;

public class FrameRangeTests
{
    [Theory]
    [InlineData("1,20-30[2],494", new[] { 1, 20, 22, 24, 26, 28, 30, 494 })]
    [InlineData(" 7 ", new[] { 7 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData(" 1 - 9 [ 4 ] , 3", new[] { 1, 5, 9, 3 })]
    [InlineData("5-5[3]", new[] { 5 })]
    [InlineData("1-4,2-3", new[] { 1, 2, 3, 4 })]
    public void Ranges_expand_in_the_order_named_once_per_frame(string text, int[] frames)
        => Assert.Equal(frames, RbFrameRange.Parse(text).Frames());

    [Theory]
    [InlineData("30-20", "write 20-30")]
    [InlineData("-5", "frames are 0 or more")]
    [InlineData("1,,3", "empty part")]
    [InlineData("1-10[0]", "step")]
    [InlineData("1-10[x]", "step")]
    [InlineData("abc", "'abc'")]
    [InlineData("5[2]", "no range")]
    [InlineData("", "empty")]
    [InlineData("1-10[2", "does not end")]
    public void A_malformed_range_names_the_bad_part_and_the_form(string text, string hint)
    {
        var ex = Assert.Throws<RbValidationException>(() => RbFrameRange.Parse(text));
        Assert.Equal("Rb.InvalidFrameRange", ex.ErrorId);
        Assert.Contains(hint, ex.Message);
        Assert.Contains("A-B[S]", ex.Message);
    }

    [Fact]
    public void An_absurd_range_is_refused_before_it_is_expanded()
    {
        var ex = Assert.Throws<RbValidationException>(() => RbFrameRange.Parse("1-100000000"));
        Assert.Equal("Rb.FrameRangeTooLarge", ex.ErrorId);
        Assert.Contains("100,000,000", ex.Message);
        Assert.Equal(100000, RbFrameRange.Parse("1-100000").Frames().Count());
    }

    [Fact]
    public void A_range_built_from_text_keeps_the_problem_until_checked()
    {
        var bad = new RbFrameRange("9-1");
        Assert.NotNull(bad.Problem);
        Assert.Throws<RbValidationException>(() => bad.Check());
        Assert.Equal(new[] { 12 }, new RbFrameRange(12).Check().Frames());
        Assert.True(RbFrameRange.TryParse("2-4[1]", out var label) && label!.Contains(3) && !label.Contains(5));
        Assert.False(RbFrameRange.TryParse("photon", out _));
    }
}

public class FrameActionTests : IDisposable
{
    private const int Big = 250;
    private readonly TestEmulator t = new TestEmulator(taskCount: 40, seed: 6, speed: 0, largeTaskFrames: Big);

    public void Dispose() => t.Dispose();

    private async Task<RbTask> BigTask(RbTaskStatus status)
        => (await new TasksApi(t.Client).List(new RbTaskQuery { Keyword = "bigshot" }).ReadAllAsync(default))
            .Single(x => x.Status == status);

    private async Task<List<RbFrame>> Frames(long taskId) => (
        await new FramesApi(t.Client).List(taskId).ReadAllAsync(default)).ToList();

    [Fact]
    public async Task The_status_filter_reads_every_page_and_streams_each_page_filtered()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var all = await Frames(task.Id);
        Assert.Equal(Big, all.Count);
        var expected = all.Where(f => f.Status == RbFrameStatus.Failed).Select(f => f.FrameId).ToList();
        Assert.True(expected.Count >= 5);
        using var pager = new FramesApi(t.Client).List(
            new RbFrameQuery { TaskId = task.Id, Status = new[] { RbFrameStatus.Failed } });
        var pages = new List<IReadOnlyList<RbFrame>>();
        while (!pager.IsDone) pages.Add(await pager.NextAsync(default));
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.NotEmpty(p));
        Assert.Equal(expected, pages.SelectMany(p => p).Select(f => f.FrameId));
    }

    [Fact]
    public async Task Restarting_failed_frames_while_the_list_is_read_restarts_each_once_and_the_farm_renders_them()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var before = (await Frames(task.Id)).Where(f => f.Status == RbFrameStatus.Failed).ToDictionary(f => f.FrameId);
        using var pager = new FramesApi(t.Client).List(
            new RbFrameQuery { TaskId = task.Id, Status = new[] { RbFrameStatus.Failed } });
        var restarted = new List<long>();
        while (!pager.IsDone)
        {
            var page = await pager.NextAsync(default);
            var results = await new FramesApi(t.Client).RestartAsync(task.Id, page.Select(f => f.FrameId), default);
            Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
            restarted.AddRange(results.Select(r => r.Id));
        }
        Assert.Equal(before.Keys.OrderBy(x => x), restarted.OrderBy(x => x));
        var after = (await Frames(task.Id)).Where(f => before.ContainsKey(f.FrameId)).ToList();
        Assert.All(after, f =>
        {
            Assert.Equal(RbFrameStatus.Waiting, f.Status);
            Assert.Equal(before[f.FrameId].RecommitCount + 1, f.RecommitCount);
            Assert.Null(f.StartedAt);
        });
        Assert.Equal(
            RbTaskStatus.Waiting, (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single().Status);

        t.Emulator.Advance(TimeSpan.FromHours(3));
        var rendered = (await Frames(task.Id)).Where(f => before.ContainsKey(f.FrameId)).ToList();
        Assert.All(rendered, f => Assert.Equal(RbFrameStatus.Finished, f.Status));
        Assert.All(
            rendered, f => Assert.True(
            f.Cost + f.CouponCost > before[f.FrameId].Cost + before[f.FrameId].CouponCost, "billed again"));
        Assert.Equal(
            RbTaskStatus.Finished, (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single().Status);
    }

    [Fact]
    public async Task More_than_100_frame_ids_go_in_calls_of_100_and_a_refused_call_gives_each_frame_its_own_answer()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var ids = (await Frames(task.Id)).Take(150).Select(f => f.FrameId).ToList();
        t.Emulator.ClearRequests();
        var results = await new FramesApi(t.Client).RestartAsync(task.Id, ids, default);
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(2, t.Emulator.Requests.Count(r => r.Operation == "recommitTaskFrames"));

        // now they wait: a second restart of three of them plus one finished frame is refused, then sent one by one
        var finished = (await Frames(task.Id)).First(f => f.Status == RbFrameStatus.Finished).FrameId;
        var again = await new FramesApi(t.Client).RestartAsync(task.Id, new[] { ids[0], ids[1], finished }, default);
        Assert.False(again[0].Succeeded);
        Assert.Equal(100, ((RbApiException)again[0].Error!).Code);
        Assert.Contains("waiting", again[0].Error!.Message);
        Assert.False(again[1].Succeeded);
        Assert.True(again[2].Succeeded);
    }

    [Fact]
    public async Task Stopping_frames_ends_them_and_a_task_with_waiting_frames_keeps_rendering_them()
    {
        var task = await BigTask(RbTaskStatus.Rendering);
        var frames = await Frames(task.Id);
        var rendering = frames.Where(f => f.Status == RbFrameStatus.Rendering).Select(f => f.FrameId).ToList();
        Assert.NotEmpty(rendering);
        var results = await new FramesApi(t.Client).StopAsync(task.Id, rendering, default);
        Assert.All(results, r => Assert.True(r.Succeeded));
        var after = (await Frames(task.Id)).ToDictionary(f => f.FrameId);
        Assert.All(rendering, id => Assert.Equal(RbFrameStatus.Stopped, after[id].Status));
        Assert.All(rendering, id => Assert.NotNull(after[id].EndedAt));

        // frames render 20 s or more: 5 s later the waiting frames have started on the freed nodes
        t.Emulator.Advance(TimeSpan.FromSeconds(5));
        var later = await Frames(task.Id);
        Assert.Contains(later, f => f.Status == RbFrameStatus.Rendering);
        Assert.All(rendering, id => Assert.Equal(RbFrameStatus.Stopped, later.Single(f => f.FrameId == id).Status));

        // stopping the rest ends the task: nothing is left to render
        var affected = await new FramesApi(t.Client).StopAllAsync(task.Id, null, listAffected: true, default);
        Assert.NotEmpty(affected);
        var end = await Frames(task.Id);
        Assert.DoesNotContain(end, f => f.Status == RbFrameStatus.Waiting || f.Status == RbFrameStatus.Rendering);
        var status = (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single().Status;
        Assert.Contains(
            status, new[] { RbTaskStatus.FinishedWithStoppedFrames, RbTaskStatus.FinishedWithFailedFrames });
        t.Emulator.Advance(TimeSpan.FromHours(1));
        Assert.Equal(end.Select(f => f.Status), (await Frames(task.Id)).Select(f => f.Status));
    }

    [Fact]
    public async Task Restart_all_with_a_status_sends_one_call_and_reports_the_frames_it_chose()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var failed = (await Frames(task.Id)).Where(f => f.Status == RbFrameStatus.Failed).Select(f => f.FrameId)
            .ToList();
        t.Emulator.ClearRequests();
        var affected = await new FramesApi(t.Client).RestartAllAsync(
            task.Id, new[] { RbFrameStatus.Failed }, listAffected: false, default);
        Assert.Empty(affected);
        Assert.Single(t.Emulator.Requests, r => r.Operation == "recommitTaskFrames");
        var after = await Frames(task.Id);
        Assert.All(after.Where(f => failed.Contains(f.FrameId)), f => Assert.Equal(RbFrameStatus.Waiting, f.Status));
        Assert.Equal(Big - failed.Count, after.Count(f => f.Status == RbFrameStatus.Finished));
    }

    [Fact]
    public async Task Frame_numbers_resolve_through_the_labels_and_unknown_numbers_are_reported()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var match = await new FramesApi(t.Client).FindByIndexAsync(
            task.Id, new[] { "6", "7-9[1]", "600-601" }, default);
        Assert.Equal(new[] { "6", "7", "8", "9" }, match.Frames.Select(f => f.FrameIndex));
        Assert.Equal(new[] { 600, 601 }, match.Missing);
        var ex = await Assert.ThrowsAsync<RbValidationException>(
            () => new FramesApi(t.Client).FindByIndexAsync(task.Id, new[] { "9-7" }, default));
        Assert.Equal("Rb.InvalidFrameRange", ex.ErrorId);
    }

    [Fact]
    public async Task The_summary_counts_the_account_frames_by_status()
    {
        var s = await new FramesApi(t.Client).GetSummaryAsync(default);
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.Equal(tasks.Sum(x => x.TotalFrames), s.TotalFrames);
        Assert.Equal(tasks.Sum(x => x.DoneFrames), s.DoneFrames);
        Assert.True(s.WaitingFrames > 0 && s.ExecutingFrames > 0 && s.FailedFrames > 0);
        var rendering = await BigTask(RbTaskStatus.Rendering);
        await new FramesApi(t.Client).StopAllAsync(rendering.Id, new[] { RbFrameStatus.Waiting }, false, default);
        var after = await new FramesApi(t.Client).GetSummaryAsync(default);
        Assert.True(after.WaitingFrames < s.WaitingFrames);
        Assert.True(after.AbortedFrames > s.AbortedFrames);
    }

    [Fact]
    public async Task A_long_log_is_read_page_by_page_and_tail_reads_from_the_end()
    {
        var task = await BigTask(RbTaskStatus.FinishedWithFailedFrames);
        var frames = await Frames(task.Id);
        RbFrame? longest = null;
        var lines = new List<RbFrameLogLine>();
        RbFrameLogReader? usedReader = null;
        foreach (var f in frames.Where(f => f.Status == RbFrameStatus.Finished).Take(12))
        {
            var reader = new FramesApi(t.Client).ReadLog(f.FrameId);
            var read = new List<RbFrameLogLine>();
            while (!reader.IsDone) read.AddRange(await reader.NextAsync(default));
            if (reader.PagesFetched > 1) { longest = f; lines = read; usedReader = reader; break; }
        }
        Assert.NotNull(longest);
        Assert.Contains($"frame {longest!.FrameIndex}", lines[1].Text);
        Assert.Contains("done in", lines[^2].Text);
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long?)i), lines.Select(l => l.LineNumber));
        Assert.Equal(usedReader!.Total, lines.Sum(l => l.Text.Length + 1));

        t.Emulator.ClearRequests();
        var tail = await new FramesApi(t.Client).ReadLogTailAsync(longest.FrameId, 5, default);
        Assert.Equal(lines.Skip(lines.Count - 5).Select(l => l.Text), tail.Select(l => l.Text));
        Assert.InRange(t.Emulator.Requests.Count(r => r.Operation == "showLog"), 2, usedReader.PagesFetched);
        var failed = frames.First(f => f.Status == RbFrameStatus.Failed);
        var failedLog = await new FramesApi(t.Client).ReadLogTailAsync(failed.FrameId, 3, default);
        Assert.Contains(failedLog, l => l.Text.Contains("ERROR"));
        Assert.Throws<RbValidationException>(
            () => new FramesApi(t.Client).ReadLogTailAsync(failed.FrameId, 0, default).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_waiting_frame_has_no_log_and_no_thumbnail_and_a_finished_one_has_a_real_image()
    {
        var task = await BigTask(RbTaskStatus.Rendering);
        var frames = await Frames(task.Id);
        var waiting = frames.First(f => f.Status == RbFrameStatus.Waiting);
        var reader = new FramesApi(t.Client).ReadLog(waiting.FrameId);
        Assert.Empty(await reader.NextAsync(default));
        Assert.True(reader.IsDone);
        var none = await Assert.ThrowsAsync<RbValidationException>(
            () => new FramesApi(t.Client).GetThumbnailsAsync(waiting.FrameId, RbFrameStatus.Waiting, default));
        Assert.Equal("Rb.NoThumbnail", none.ErrorId);
        Assert.Contains("Waiting", none.Message);

        var finished = frames.First(f => f.Status == RbFrameStatus.Finished);
        var thumb = Assert.Single(await new FramesApi(t.Client).GetThumbnailsAsync(finished.FrameId, null, default));
        Assert.NotNull(thumb.Url);
        var dir = Directory.CreateTempSubdirectory("rbthumb");
        try
        {
            var saved = await new FramesApi(t.Client).SaveThumbnailAsync(thumb, dir.FullName, default);
            var bytes = await File.ReadAllBytesAsync(saved.SavedTo!);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4));
            Assert.EndsWith(".png", saved.SavedTo);
            var path = new RbFrameThumbnail { FrameId = 1, Path = "/mnt/output/x.jpg", FileName = "x.jpg" };
            var ex = await Assert.ThrowsAsync<RbValidationException>(
                () => new FramesApi(t.Client).SaveThumbnailAsync(path, dir.FullName, default));
            Assert.Equal("Rb.ThumbnailNotDownloadable", ex.ErrorId);

            // a file named by -OutFile takes one thumbnail; the second is refused and the first stays as it was
            var other = frames.Last(f => f.Status == RbFrameStatus.Finished && f.FrameId != finished.FrameId);
            var second = Assert.Single(await new FramesApi(t.Client).GetThumbnailsAsync(other.FrameId, null, default));
            var file = Path.Combine(dir.FullName, "one.png");
            var written = new HashSet<string>();
            await new FramesApi(t.Client).SaveThumbnailAsync(thumb, file, default, written);
            var first = await File.ReadAllBytesAsync(file);
            var again = await Assert.ThrowsAsync<RbValidationException>(
                () => new FramesApi(t.Client).SaveThumbnailAsync(second, file, default, written));
            Assert.Equal("Rb.OutFileAlreadyWritten", again.ErrorId);
            Assert.Equal(first, await File.ReadAllBytesAsync(file));
            var missing = await Assert.ThrowsAsync<RbValidationException>(
                () => new FramesApi(t.Client).SaveThumbnailAsync(
                thumb, Path.Combine(dir.FullName, "no", "such", "x.png"), default));
            Assert.Equal("Rb.OutFileFolderMissing", missing.ErrorId);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
