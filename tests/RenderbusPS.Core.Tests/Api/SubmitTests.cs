using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

public class SubmitTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 120, seed: 6);

    public void Dispose() => t.Dispose();

    private const string MayaJson = """
        {
          "software_config": { "cg_name": "Maya", "cg_version": "2022", "plugins": {} },
          "task_info": { "input_cg_file": "D:/shots/forest_sh010_v003.mb", "frames_per_task": "1", "cg_id": "2000" },
          "scene_info_render": {
            "beauty": { "renderable": "1", "common": { "frames": "1-10[1]", "render_camera": ["shotCam"] } },
            "shadow": { "renderable": "1", "common": { "frames": "1-10[2]", "render_camera": ["shotCam"] } },
            "unused": { "renderable": "0", "common": { "frames": "1-100[1]" } }
          }
        }
        """;

    private static string MaxJson(string frames, int perTask = 1) =>
        "{\"task_info\":{\"input_cg_file\":\"D:\\\\max\\\\lobby.max\",\"frames\":\"" + frames + "\",\"frames_per_task\":" + perTask + ",\"cg_id\":\"2001\",\"camera\":\"VRayCam001\"}}";

    private async Task<RbTask> Submitted(string json, double advanceMinutes = 0)
    {
        var task = (await new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec(), default)).Single();
        Assert.Null(
            (await new SubmitApi(t.Client).SendFileAsync(
            new[] { task.Id }, RbTaskFile.FromContent(json, "task.json"), default)).Single().Error);
        Assert.Null((await new SubmitApi(t.Client).SubmitAsync(new[] { task.Id }, "jane", default)).Single().Error);
        if (advanceMinutes > 0) t.Emulator.Advance(TimeSpan.FromMinutes(advanceMinutes));
        return (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single();
    }

    [Fact]
    public async Task CreateAsync_makes_empty_tasks_with_new_ids_above_all_others_visible_in_the_list()
    {
        var before = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        var created = await new SubmitApi(t.Client).CreateAsync(
            new RbNewTaskSpec { Count = 3, Priority = 60, Artist = "jane", Labels = new[] { "shot010" } }, default);
        Assert.Equal(3, created.Count);
        Assert.Equal(3, created.Select(x => x.Id).Distinct().Count());
        Assert.All(created, x =>
        {
            Assert.True(x.Id > before.Max(b => b.Id));
            Assert.Equal(RbTaskStatus.Submitting, x.Status);
            Assert.Equal(60, x.Priority);
            Assert.Equal("jane", x.Producer);
            Assert.Equal(0, x.TotalFrames);
            Assert.Equal("2W" + x.Id, x.Alias);
        });
        var after = await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Submitting } })
            .ReadAllAsync(default);
        Assert.Superset(created.Select(x => x.Id).ToHashSet(), after.Select(x => x.Id).ToHashSet());
        Assert.Equal(
            created.Select(x => x.Id).OrderByDescending(i => i), (
            await new TasksApi(t.Client).List(new RbTaskQuery { First = 3 }).ReadAllAsync(default)).Select(x => x.Id));
    }

    [Fact]
    public async Task CreateAsync_refuses_a_bad_count_priority_or_clone_before_sending()
    {
        var sent = t.Emulator.Requests.Count;
        Assert.Equal(
            "Rb.InvalidTaskCount", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { Count = 101 }, default))).ErrorId);
        Assert.Equal(
            "Rb.InvalidPriority", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { Priority = 55 }, default))).ErrorId);
        Assert.Equal(
            "Rb.InvalidId", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { CloneFrom = -1 }, default))).ErrorId);
        Assert.Equal(sent, t.Emulator.Requests.Count);
        var missing = await Assert.ThrowsAsync<RbApiException>(
            () => new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { CloneFrom = 999 }, default));
        Assert.Equal(404, missing.Code);
    }

    [Fact]
    public void Task_files_are_parsed_before_sending_and_a_bad_one_names_its_position()
    {
        var bad = Assert.Throws<RbValidationException>(
            () => RbTaskFile.FromContent(
            "{\n  \"task_info\": { \"frames\": \"1-10\" ,, }\n}", "task.json", "C:/a/task.json"));
        Assert.Equal("Rb.InvalidTaskFileJson", bad.ErrorId);
        Assert.Contains("C:/a/task.json", bad.Message);
        Assert.Contains("line 2", bad.Message);
        Assert.Equal(
            "Rb.InvalidTaskFileJson", Assert.Throws<RbValidationException>(
            () => RbTaskFile.FromContent("[1,2]", "task.json")).ErrorId);
        Assert.Equal(
            "Rb.InvalidTaskFileName", Assert.Throws<RbValidationException>(
            () => RbTaskFile.FromContent("{}", "scene.json")).ErrorId);
        Assert.Equal(
            "Rb.TaskFileNotFound", Assert.Throws<RbValidationException>(
            () => RbTaskFile.FromPath("/no/such/task.json")).ErrorId);
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "Upload.JSON"), "{\"asset\":[]}");
            var f = RbTaskFile.FromPath(Path.Combine(dir.FullName, "Upload.JSON"));
            Assert.Equal("upload.json", f.FileName);
            File.WriteAllText(Path.Combine(dir.FullName, "scene.json"), "{}");
            Assert.Equal(
                "Rb.InvalidTaskFileName", Assert.Throws<RbValidationException>(
                () => RbTaskFile.FromPath(Path.Combine(dir.FullName, "scene.json"))).ErrorId);
            Assert.Equal(
                "tips.json", RbTaskFile.FromPath(Path.Combine(dir.FullName, "scene.json"), "tips.json").FileName);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task A_submitted_Maya_task_builds_a_layer_per_renderable_layer_analyses_then_renders_to_the_end()
    {
        var task = await Submitted(MayaJson);
        Assert.Equal(RbTaskStatus.Analysing, task.Status);
        Assert.Equal("forest_sh010_v003.mb", task.SceneName);
        Assert.Equal(2000, task.SoftwareId);
        Assert.Equal("jane", task.Producer);
        Assert.Equal(new[] { "beauty", "shadow" }, task.SubTasks.Select(s => s.LayerName));
        Assert.Equal(new[] { 10, 5 }, task.SubTasks.Select(s => s.TotalFrames));
        Assert.Equal(15, task.TotalFrames);
        var frames = await new FramesApi(t.Client).List(task.SubTasks[1].Id).ReadAllAsync(default);
        Assert.Equal(new[] { "1", "3", "5", "7", "9" }, frames.Select(f => f.FrameIndex));
        t.Emulator.Advance(TimeSpan.FromHours(2));
        var done = (await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default)).Single();
        Assert.Contains(
            done.Status, new[] { RbTaskStatus.Finished, RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Failed });
        Assert.Equal(15, done.DoneFrames + done.FailedFrames);
        Assert.True(done.Cost > 0);
    }

    [Fact]
    public async Task Submission_is_refused_without_task_json_and_a_second_time_and_for_unknown_tasks()
    {
        var created = await new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { Count = 2 }, default);
        var results = await new SubmitApi(t.Client).SubmitAsync(
            new[] { created[0].Id, created[1].Id, 987 }, null, default);
        Assert.All(results, r => Assert.NotNull(r.Error));
        Assert.Contains("no task.json", results[0].Error!.Message);
        Assert.Equal(404, ((RbApiException)results[2].Error!).Code);
        var submitted = await Submitted(MaxJson("1-4"));
        var again = (await new SubmitApi(t.Client).SubmitAsync(new[] { submitted.Id }, null, default)).Single();
        Assert.Contains("already submitted", again.Error!.Message);
        var late = (
            await new SubmitApi(t.Client).SendFileAsync(
            new[] { submitted.Id }, RbTaskFile.FromContent("{}", "tips.json"), default)).Single();
        Assert.Equal(RbCodes.Fail, ((RbApiException)late.Error!).Code);
        // unaffected: the first task can still take its file and be submitted
        Assert.Null(
            (await new SubmitApi(t.Client).SendFileAsync(
            new[] { created[0].Id }, RbTaskFile.FromContent(MaxJson("5"), "task.json"), default)).Single().Error);
        Assert.Null((await new SubmitApi(t.Client).SubmitAsync(new[] { created[0].Id }, null, default)).Single().Error);
    }

    [Fact]
    public async Task A_task_json_without_frames_fails_submission_with_a_code_that_Get_error_detail_explains()
    {
        var task = await Submitted("{\"task_info\":{\"input_cg_file\":\"x.mb\"}}");
        Assert.Equal(RbTaskStatus.SubmitFailed, task.Status);
        Assert.Equal("50001", task.ErrorCode);
        var detail = (
            await new SubmitApi(t.Client).GetErrorDetailsAsync(new[] { task.ErrorCode }, RbLanguage.English, default))
            .Single();
        Assert.Null(detail.Error);
        Assert.Contains("no frames", detail.Details.Single().Description);
    }

    [Fact]
    public async Task Failed_tasks_carry_codes_explained_in_both_languages_and_unknown_codes_are_per_code_errors()
    {
        var tasks = await new TasksApi(t.Client).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Failed, RbTaskStatus.SubmitFailed } })
            .ReadAllAsync(default);
        Assert.NotEmpty(tasks);
        Assert.All(tasks, x => Assert.NotNull(x.ErrorCode));
        Assert.All(
            (await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Finished } })
            .ReadAllAsync(default)), x => Assert.Null(x.ErrorCode));
        var codes = tasks.Select(x => x.ErrorCode).Distinct().ToList();
        var before = t.Emulator.Requests.Count;
        var en = await new SubmitApi(t.Client).GetErrorDetailsAsync(
            codes.Append("424242"), RbLanguage.English, default);
        Assert.Equal(before + 1, t.Emulator.Requests.Count);
        Assert.Equal(codes.Count + 1, en.Count);
        Assert.All(
            en.Take(codes.Count),
            r => { Assert.Null(r.Error); Assert.Equal(RbLanguage.English, r.Details.Single().Language); Assert.Matches(
            "^[A-Z][a-z ]", r.Details.Single().Description); });
        Assert.Equal("Rb.ErrorCodeNotFound", ((RbValidationException)en.Last().Error!).ErrorId);
        var zh = (await new SubmitApi(t.Client).GetErrorDetailsAsync(new[] { "15000" }, RbLanguage.Chinese, default))
            .Single().Details.Single();
        Assert.Equal("启动3ds max卡住或者失败", zh.Description);
        Assert.Equal(RbErrorSeverity.Error, zh.Severity);
        Assert.Equal(
            "Rb.InvalidErrorCode", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SubmitApi(t.Client).GetErrorDetailsAsync(new[] { "15x" }, RbLanguage.English, default))).ErrorId);
    }

    [Fact]
    public async Task Error_codes_beyond_100_go_in_several_calls()
    {
        var codes = Enumerable.Range(10000, 150).Select(i => i.ToString()).Append("15000").ToList();
        var before = t.Emulator.Requests.Count;
        var results = await new SubmitApi(t.Client).GetErrorDetailsAsync(codes, RbLanguage.English, default);
        Assert.Equal(before + 2, t.Emulator.Requests.Count);
        Assert.Equal(151, results.Count);
        Assert.Equal(
            new[] { "10025", "15000" }, results.Where(r => r.Error == null).Select(r => r.Code).OrderBy(c => c));
    }

    [Fact]
    public async Task The_progress_grid_follows_the_frames_on_the_farm_clock()
    {
        var task = await Submitted(MaxJson("1-6"));
        var waiting = await new OutputApi(t.Client).GetProgressAsync(task.Id, RbProgressPass.Current, default);
        Assert.Equal(4, waiting.BlocksPerFrame);
        Assert.Equal(24, waiting.Blocks.Count);
        Assert.All(waiting.Blocks, b => Assert.Equal(RbFrameStatus.Waiting, b.Status));
        Assert.Equal(new[] { 1, 2, 3, 4 }, waiting.Blocks.Where(b => b.Row == 1).Select(b => b.Column));
        t.Emulator.Advance(TimeSpan.FromSeconds(90));
        var mid = await new OutputApi(t.Client).GetProgressAsync(task.Id, RbProgressPass.Main, default);
        Assert.Contains(
            mid.Blocks, b => b.Status == RbFrameStatus.Rendering && b.ImageUrl != null && b.StartedAt != null);
        t.Emulator.Advance(TimeSpan.FromHours(1));
        var frames = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        var end = await new OutputApi(t.Client).GetProgressAsync(task.Id, RbProgressPass.Main, default);
        foreach (var f in frames)
            Assert.Equal(
                f.Status == RbFrameStatus.Finished, end.Blocks.Where(b => b.FrameIndex == f.FrameIndex).All(
                b => b.Status == RbFrameStatus.Finished && b.Percent == 100));
        Assert.NotNull(end.CompletedAt);
        var text = end.ToText();
        Assert.Equal(6 + 2, text.Count);
        Assert.Contains(RbTaskProgress.Legend, text);
        Assert.StartsWith("frame 1  ", text[1]);
        Assert.Equal(
            "Rb.TaskNotFound", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new OutputApi(t.Client).GetProgressAsync(987, RbProgressPass.Current, default))).ErrorId);
    }

    [Fact]
    public async Task Output_files_grow_as_frames_finish_and_a_recursive_walk_sends_one_request_per_folder()
    {
        var task = await Submitted(MayaJson);
        Assert.Empty((await new OutputApi(t.Client).Walk("/", task.Id, true).ReadAllAsync(default)));
        t.Emulator.Advance(TimeSpan.FromHours(2));
        var before = t.Emulator.Requests.Count;
        var walk = new OutputApi(t.Client).Walk("/", task.Id, true);
        var all = await walk.ReadAllAsync(default);
        var folders = all.Where(f => f.IsDirectory).ToList();
        Assert.Equal(1 + folders.Count, walk.Requests);
        Assert.Equal(before + walk.Requests, t.Emulator.Requests.Count);
        var files = all.Where(f => !f.IsDirectory).ToList();
        var frames = (await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default))
            .Count(f => f.Status == RbFrameStatus.Finished);
        Assert.Equal(frames, files.Count);
        Assert.All(files, f =>
        {
            Assert.Matches(@"^/\d+_forest_sh010_v003/(beauty|shadow)/forest_sh010_v003\.\d{4}\.exr$", f.Path);
            Assert.True(f.Size >= 2_000_000);
            Assert.Contains(f.TaskId, task.SubTasks.Select(s => (long?)s.Id));
            Assert.NotNull(f.ModifiedAt);
        });
        var again = await new OutputApi(t.Client).Walk("/", task.Id, true).ReadAllAsync(default);
        Assert.Equal(
            files.Select(f => (f.Path, f.Size)), again.Where(f => !f.IsDirectory).Select(f => (f.Path, f.Size)));
        var root = await new OutputApi(t.Client).ListAsync("/", null, default);
        Assert.True(root.Count > 10);
        Assert.All(root, f => Assert.True(f.IsDirectory));
        Assert.Equal(
            404, (await Assert.ThrowsAsync<RbApiException>(
            () => new OutputApi(t.Client).ListAsync("/nope", null, default))).Code);
        Assert.Equal(
            "Rb.InvalidOutputPath", Assert.Throws<RbValidationException>(
            () => new OutputApi(t.Client).Walk("/a/../b", null, false)).ErrorId);
    }

    [Fact]
    public async Task Grouped_frames_per_task_are_labelled_as_ranges()
    {
        var task = await Submitted(MaxJson("1-9", perTask: 3));
        var frames = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        Assert.Equal(new[] { "1-3[1]", "4-6[1]", "7-9[1]" }, frames.Select(f => f.FrameIndex));
        var bad = await new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec(), default);
        await new SubmitApi(t.Client).SendFileAsync(
            new[] { bad[0].Id }, RbTaskFile.FromContent(MaxJson("9-1"), "task.json"), default);
        var refused = (await new SubmitApi(t.Client).SubmitAsync(new[] { bad[0].Id }, null, default)).Single();
        Assert.Equal(RbCodes.ParameterInvalid, ((RbApiException)refused.Error!).Code);
    }
}
