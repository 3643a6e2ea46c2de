using System.Text.Json.Nodes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>The emulator speaks API 2.0 on its REST port, over the same account, in the document's shapes.</summary>
public class EmulatorApi2Tests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 60);
    private readonly Api2Wire wire;

    public EmulatorApi2Tests() => wire = new Api2Wire(t);

    public void Dispose() => t.Dispose();

    [Fact]
    public void Every_action_of_the_catalog_is_served_and_nothing_else()
    {
        Assert.Equal(14, RbApi2Catalog.All.Count);
        Assert.Equal(RbApi2Catalog.All.Select(a => a.Name).OrderBy(n => n), t.Emulator.ServedActions.OrderBy(n => n));
    }

    [Theory]
    [InlineData("/api/v2/task/")]
    [InlineData("/api/v1/task")]
    [InlineData("/api/v1/task/")]
    public async Task Both_paths_answer_the_account_and_its_sub_accounts_every_value_a_string(string path)
    {
        var answer = await wire.PostAsync("query_customer", path: path);
        Api2Wire.AllStrings(answer);
        var body = Api2Wire.Ok(answer);
        var users = body["data"]!.AsArray();
        Assert.Equal(3, users.Count);
        Assert.Equal("3", (string)body["total_size"]!);
        Assert.Equal(t.Emulator.Account, (string)users[0]!["login_name"]!);
        Assert.Equal(new[] { "1", "2", "2" }, users.Select(u => (string)u!["account_type"]!));
        Assert.Equal(path, t.Emulator.Requests.Last().Path);
        Assert.Equal("query_customer", t.Emulator.Requests.Last().Operation);
    }

    [Fact]
    public async Task A_task_created_on_API_2_lists_on_REST_and_a_task_stopped_on_REST_reads_User_Stop()
    {
        Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject { ["project_name"] = "api2proj" }));
        var created = Api2Wire.Ok(await wire.PostAsync("create_task", new JsonObject
        {
            ["project_name"] = "api2proj", ["input_scene_path"] = "D/maya/zulu.mb,D/maya/yankee.mb",
            ["cg_soft_name"] = "maya 2015", ["frames"] = "1-10", ["unknown_field"] = "ignored",
        }));
        Assert.Equal("2", (string)created["total_size"]!);
        var ids = created["data"]!.AsArray().Select(d => long.Parse((string)d!["task_id"]!)).ToList();
        Assert.All(created["data"]!.AsArray(), d => Assert.Equal("0", (string)d!["submit_result"]!));

        var rest = await new TasksApi(t.Client).List(new RbTaskQuery { Keyword = "zulu" }).ReadAllAsync(default);
        var zulu = Assert.Single(rest);
        Assert.Equal(ids[0], zulu.Id);
        Assert.Equal("api2proj", zulu.ProjectName);
        Assert.Equal(10, zulu.TotalFrames);

        t.Emulator.Advance(TimeSpan.FromMinutes(2));
        var running = await new TasksApi(t.Client).GetAsync(ids, default);
        Assert.All(running, x => Assert.Contains(x.Status, RbTaskStates.Stoppable));
        var stopped = await new TasksApi(t.Client).StopAsync(new[] { ids[0] }, default);
        Assert.True(stopped.Single().Succeeded);
        var read = Api2Wire.Ok(await wire.PostAsync("query_task", new JsonObject { ["task_id"] = ids[0].ToString() }));
        Assert.Equal("User_Stop", (string)read["data"]![0]!["task_status"]!);
        var other = Api2Wire.Ok(await wire.PostAsync("query_task", new JsonObject { ["task_id"] = ids[1] }));
        Assert.Equal("Start", (string)other["data"]![0]!["task_status"]!);
    }

    [Fact]
    public async Task Query_task_lists_the_tasks_REST_lists_in_the_same_order_over_pages()
    {
        var rest = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        var ids = new List<string>();
        JsonObject page;
        var no = 1;
        do
        {
            page = Api2Wire.Ok(await wire.PostAsync("query_task", new JsonObject
                { ["is_paging"] = "1", ["page_no"] = no.ToString(), ["page_size"] = "7" }));
            ids.AddRange(page["data"]!.AsArray().Select(d => (string)d!["task_id"]!));
            no++;
        }
        while (no <= int.Parse((string)page["total_page"]!));
        Assert.Equal(rest.Select(x => x.Id.ToString()), ids);
        Assert.Equal(rest.Count.ToString(), (string)page["total_size"]!);
        foreach (var status in Enum.GetValues<RbTaskStatus>())
        {
            var word = RbApi2Words.WordOf(status);
            Assert.Contains(status, RbApi2Words.StatusesOf(word)!);
        }
    }

    [Fact]
    public async Task Items_have_the_fields_of_the_documents_answer_and_the_counts_add_up()
    {
        var fixture = (JsonObject)JsonNode.Parse(Api2Fixtures.QueryTaskAnswer)!;
        var example = fixture["body"]!["data"]![0]!.AsObject();
        var body = Api2Wire.Ok(await wire.PostAsync("query_task", new JsonObject { ["is_jobs_included"] = "1",
            ["is_logs_included"] = "1" }));
        Api2Wire.AllStrings(body["data"]);
        foreach (var item in body["data"]!.AsArray().Select(i => i!.AsObject()))
        {
            foreach (var field in example.Select(kv => kv.Key)) Assert.True(item.ContainsKey(field), field);
            var counts = new[] { "done", "failed", "executing", "waiting", "aborted" }.Sum(f
                => int.Parse((string)item[f]!));
            Assert.Equal(item["jobs"]!.AsArray().Count, counts);
            foreach (var job in item["jobs"]!.AsArray())
                foreach (var field in example["jobs"]![0]!.AsObject().Select(kv
                    => kv.Key)) Assert.True(job!.AsObject().ContainsKey(field), field);
        }
        Assert.Matches(@"^(RMB|USD):\d+\.\d\d$", (string)body["data"]![0]!["fee"]!);
    }

    [Fact]
    public async Task The_documents_create_examples_submit_tasks_once_head_and_owner_are_this_accounts()
    {
        Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject { ["project_name"] = "test" }));
        Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject { ["project_name"] = "defaultProject" }));
        var before = t.Emulator.TaskCount;
        foreach (var example in new[] { Api2Fixtures.CreateTask, Api2Fixtures.CreateVRStandaloneTask,
            Api2Fixtures.CreateHoudiniTask, Api2Fixtures.CreateBlenderTask })
        {
            var request = (JsonObject)JsonNode.Parse(example)!;
            request["head"]!["access_key"] = wire.Key;
            request["head"]!["account"] = t.Emulator.Account;
            if (request["body"]!["submit_account"] != null) request["body"]!["submit_account"] = t.Emulator.Account
                + "_artist1";
            var body = Api2Wire.Ok(await wire.PostAsync(request));
            Assert.Equal("0", (string)body["data"]![0]!["submit_result"]!);
        }
        Assert.Equal(before + 4, t.Emulator.TaskCount);
        var houdini = (await new TasksApi(t.Client).List(new RbTaskQuery { Keyword = "test.hip" })
            .ReadAllAsync(default)).Single();
        Assert.Equal(new[] { "/obj/grid_object1/rop_geometry1", "/out/mantra1" }, houdini.SubTasks.Select(s
            => s.LayerName));
        Assert.Equal(260, houdini.TotalFrames);
    }

    [Fact]
    public async Task The_operate_example_as_printed_is_refused_and_normalized_restarts_the_frames()
    {
        var printed = (JsonObject)JsonNode.Parse(Api2Fixtures.OperateTask)!;
        printed["head"]!["access_key"] = wire.Key;
        printed["head"]!["account"] = t.Emulator.Account;
        Assert.Equal("1021", Api2Wire.Code(await wire.PostAsync(printed)));
        var failed = (await new TasksApi(t.Client)
            .List(new RbTaskQuery { Status = new[] { RbTaskStatus.FinishedWithFailedFrames } })
            .ReadAllAsync(default)).First(x => x.SubTasks.Count == 0);
        printed["body"]!["operate_order"] = "1";
        printed["body"]!["task_id"] = failed.Id.ToString();
        printed["body"]!["frame"] = failed.FrameRange;
        var body = Api2Wire.Ok(await wire.PostAsync(printed));
        Assert.Equal("0", (string)body["data"]![0]!["operate_result"]!);
        var after = (await new TasksApi(t.Client).GetAsync(new[] { failed.Id }, default)).Single();
        Assert.Equal(0, after.FailedFrames);
        Assert.Equal(RbTaskStatus.Waiting, after.Status);
    }

    [Fact]
    public async Task Operate_task_answers_per_task_and_only_stops_running_ones()
    {
        var all = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        var running = all.First(x => x.Status == RbTaskStatus.Rendering);
        var done = all.First(x => x.Status == RbTaskStatus.Finished);
        var body = Api2Wire.Ok(await wire.PostAsync("operate_task", new JsonObject
            { ["task_id"] = $"{running.Id},{done.Id},999", ["operate_order"] = "0" }));
        Assert.Equal(new[] { "0", "1", "1" }, body["data"]!.AsArray().Select(d => (string)d!["operate_result"]!));
        Assert.Equal("User_Stop", (string)body["data"]![0]!["task_status"]!);
        Assert.Equal("System_Done", (string)body["data"]![1]!["task_status"]!);
        var deleted = Api2Wire.Ok(await wire.PostAsync("operate_task", new JsonObject { ["task_id"] = $"{running.Id}",
            ["operate_order"] = 2 }));
        Assert.Equal("0", (string)deleted["data"]![0]!["operate_result"]!);
        var bin = await new TasksApi(t.Client).List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default);
        Assert.Contains(bin, x => x.Id == running.Id);
        var set = Api2Wire.Ok(await wire.PostAsync("operate_task", new JsonObject
            { ["task_id"] = $"{done.Id}", ["operate_order"] = "3", ["priority"] = "60", ["task_over_time"] = "2" }));
        Assert.Equal("0", (string)set["data"]![0]!["operate_result"]!);
        var read = (await new TasksApi(t.Client).GetAsync(new[] { done.Id }, default)).Single();
        Assert.Equal(60, read.Priority);
        Assert.Equal(TimeSpan.FromHours(2), read.TimeoutStop);
    }

    [Fact]
    public async Task Projects_keep_their_configurations_and_deleting_with_no_config_id_deletes_all()
    {
        var created = Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject
            { ["project_name"] = "Shots01", ["render_os"] = "Linux", ["project_path"] = "D/shots" }));
        var id = (string)created["project_id"]!;
        foreach (var soft in new[] { "maya 2020", "houdini 19" })
            Api2Wire.Ok(await wire.PostAsync("operate_project", new JsonObject
                { ["project_id"] = id, ["operate_type"] = "0", ["cg_soft_name"] = soft,
                    ["plugin_name"] = "vray 5.10.02", ["is_default"] = "1" }));
        var listed = Api2Wire.Ok(await wire.PostAsync("query_project", new JsonObject { ["project_id"] = id }));
        Api2Wire.AllStrings(listed);
        var configs = listed["data"]![0]!["plugins"]!.AsArray();
        Assert.Equal(new[] { "0", "1" }, configs.Select(c => (string)c!["is_default"]!));
        Assert.Equal("Linux", (string)listed["data"]![0]!["render_os"]!);
        Api2Wire.Ok(await wire.PostAsync("operate_project", new JsonObject { ["project_id"] = id,
            ["operate_type"] = "2" }));
        listed = Api2Wire.Ok(await wire.PostAsync("query_project", new JsonObject { ["project_id"] = id }));
        Assert.Empty(listed["data"]![0]!["plugins"]!.AsArray());
        var rest = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.Own, default);
        Assert.Contains(rest, p => p.Name == "Shots01");
        var plugins = Api2Wire.Ok(await wire.PostAsync("query_plugin", new JsonObject { ["cg_soft_name"] = "maya" }));
        Assert.NotEmpty(plugins["data"]!.AsArray());
        Assert.All(plugins["data"]!.AsArray(), p => Assert.StartsWith("Maya", (string)p!["cg_soft_name"]!));
    }

    [Fact]
    public async Task Notifications_set_by_update_customer_read_back_on_query_customer()
    {
        var set = Api2Wire.Ok(await wire.PostAsync("update_customer", new JsonObject
            { ["notification_type"] = "2", ["notification_mode"] = "1",
                ["notification_address"] = "https://example.invalid/hook" }));
        Assert.Equal("0", (string)set["data"]![0]!["operate_result"]!);
        var me = Api2Wire.Ok(await wire.PostAsync("query_customer",
            new JsonObject { ["login_name"] = t.Emulator.Account }));
        Assert.Equal("https://example.invalid/hook", (string)me["data"]![0]!["notification_address"]!);
    }

    [Fact]
    public async Task The_key_never_reaches_the_request_log_or_an_answer()
    {
        var key = wire.Key;
        var answers = new List<string>
        {
            await wire.RawAsync(wire.Request("query_customer").ToJsonString()),
            await wire.RawAsync(wire.Request("no_such_action").ToJsonString()),
            await wire.RawAsync(wire.Request("create_task", new JsonObject { ["project_name"] = key }).ToJsonString()),
        };
        var wrong = wire.Request("query_task");
        wrong["head"]!["access_key"] = key + "<x>";
        answers.Add(await wire.RawAsync(wrong.ToJsonString()));
        wrong["head"]!["access_key"] = key.Substring(1);
        answers.Add(await wire.RawAsync(wrong.ToJsonString()));
        Assert.All(answers, a => Assert.DoesNotContain(key.Substring(1), a));
        var log = t.Emulator.Requests;
        Assert.Equal(5, log.Count);
        Assert.All(log, r => Assert.DoesNotContain(key.Substring(1), string.Join("|", r.Path, r.Operation, r.Code,
            r.ToString())));
        Assert.DoesNotContain(key.Substring(1), t.Emulator.ToString());
    }
}
