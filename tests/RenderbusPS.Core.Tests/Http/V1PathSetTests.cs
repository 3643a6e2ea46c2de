using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The v1 path set end to end: the same scenario driven on a current client and on a v1 client, each against its own
/// emulator started from the same seed (so both farms start identical), must leave the same state behind; and the v1
/// client must really have talked v1 (v1 paths, version 1.0.0, v1 body names).
/// </summary>
public class V1PathSetTests : IDisposable
{
    private const int Seed = 17;
    private readonly TestEmulator current = new(taskCount: 1500, seed: Seed);
    private readonly TestEmulator v1 = new(taskCount: 1500, seed: Seed);
    private readonly RbClient v1Client;

    public V1PathSetTests() => v1Client = v1.NewClient(o => o.PathSet = RbPathSet.V1);

    public void Dispose()
    {
        v1Client.Dispose();
        current.Dispose();
        v1.Dispose();
    }

    /// <summary>Runs the scenario on both path sets and returns (current result, v1 result).</summary>
    private async Task<(T Current, T V1)> Both<T>(Func<RbClient, Task<T>> scenario)
        => (await scenario(current.Client), await scenario(v1Client));

    /// <summary>Every request the v1 emulator answered went to a v1 path.</summary>
    private void AssertOnlyV1Paths()
    {
        var requests = v1.Emulator.Requests;
        Assert.NotEmpty(requests);
        Assert.All(requests, r =>
        {
            var op = RbCatalog.FindByName(r.Operation!)!;
            Assert.Equal(op.V1Path, r.Path);
            Assert.Equal(RbCodes.Success, r.Code);
        });
    }

    private static string Statuses(IEnumerable<RbTask> tasks) => string.Join(
        ",", tasks.OrderBy(x => x.Id).Select(x => x.Id + ":" + (int)x.Status));

    private static Task<IReadOnlyList<RbTask>> All(RbClient c, params RbTaskStatus[] status)
        => new TasksApi(c).List(new RbTaskQuery { Status = status.Length == 0 ? null : status, PageSize = 50 })
            .ReadAllAsync(default);

    [Fact]
    public async Task Task_lists_cross_pages_and_read_the_same_tasks_on_both_path_sets()
    {
        var (cur, old) = await Both(c => All(c));
        Assert.True(cur.Count > 1000, "has " + cur.Count);
        Assert.Equal(Statuses(cur), Statuses(old));
        Assert.Equal(cur.Select(x => x.Alias), old.Select(x => x.Alias));
        Assert.True(v1.Emulator.Requests.Count(r => r.Path == "/api/render/task/getTaskList") >= 20);

        // queryTaskInfo for more ids than one call carries
        var ids = cur.Select(x => x.Id).Take(250).ToList();
        var (a, b) = await Both(c => new TasksApi(c).GetAsync(ids, default));
        Assert.Equal(250, b.Count);
        Assert.Equal(Statuses(a), Statuses(b));
        Assert.Equal(a.Select(x => x.SceneName), b.Select(x => x.SceneName));
        Assert.Equal(3, v1.Emulator.Requests.Count(r => r.Path == "/api/render/task/queryTaskInfo"));
        AssertOnlyV1Paths();
    }

    [Fact]
    public async Task Stop_and_start_change_the_same_tasks_in_batches_on_both_path_sets()
    {
        var (cur, old) = await Both(async c =>
        {
            var live = await All(c, RbTaskStatus.Rendering, RbTaskStatus.Waiting);
            var ids = live.Select(x => x.Id).Take(150).ToList();
            Assert.True(ids.Count > 100, "has " + ids.Count);
            var stopped = await new TasksApi(c).StopAsync(ids, default);
            Assert.All(stopped, r => Assert.True(r.Succeeded, r.ToString()));
            var afterStop = await new TasksApi(c).GetAsync(ids, default);
            Assert.All(afterStop, x => Assert.Equal(RbTaskStatus.Stopped, x.Status));
            var started = await new TasksApi(c).StartAsync(ids.Take(120), default);
            Assert.All(started, r => Assert.True(r.Succeeded, r.ToString()));
            return Statuses(await new TasksApi(c).GetAsync(ids, default));
        });
        Assert.Equal(cur, old);
        Assert.Equal(2, v1.Emulator.Requests.Count(r => r.Path == "/api/render/task/stopTask"));
        Assert.Equal(2, v1.Emulator.Requests.Count(r => r.Path == "/api/render/task/startTask"));
        AssertOnlyV1Paths();
    }

    [Fact]
    public async Task Abandon_and_restart_failed_frames_act_alike_on_both_path_sets()
    {
        var (cur, old) = await Both(async c =>
        {
            var live = (await All(c, RbTaskStatus.Rendering, RbTaskStatus.Waiting)).Take(3).Select(x => x.Id).ToList();
            Assert.All(await new TasksApi(c).AbandonAsync(live, default), r => Assert.True(r.Succeeded, r.ToString()));
            var failed = (await All(c, RbTaskStatus.FinishedWithFailedFrames)).Take(5).Select(x => x.Id).ToList();
            Assert.NotEmpty(failed);
            Assert.All(
                await new TasksApi(c).RestartAsync(failed, null, default), r => Assert.True(r.Succeeded, r.ToString()));
            var after = await new TasksApi(c).GetAsync(live.Concat(failed), default);
            Assert.All(after.Where(x => live.Contains(x.Id)), x => Assert.Equal(RbTaskStatus.Abandoned, x.Status));
            Assert.All(after.Where(x => failed.Contains(x.Id)), x => Assert.Equal(0, x.FailedFrames));
            return Statuses(after);
        });
        Assert.Equal(cur, old);
        Assert.Contains(v1.Emulator.Requests, r => r.Path == "/api/render/task/abortTask");
        Assert.Contains(v1.Emulator.Requests, r => r.Path == "/api/render/task/restartFailedFrames");
        AssertOnlyV1Paths();
    }

    [Fact]
    public async Task Restart_frames_sends_taskIds_as_one_integer_and_restarts_the_same_frames()
    {
        var (cur, old) = await Both(async c =>
        {
            var task = (await All(c, RbTaskStatus.FinishedWithFailedFrames)).First(x => x.TotalFrames > 1);
            var frames = await new FramesApi(c).List(task.Id).ReadAllAsync(default);
            var chosen = frames.Where(f => f.Status == RbFrameStatus.Failed || f.Status == RbFrameStatus.Finished)
                .Take(2).Select(f => f.FrameId).ToList();
            Assert.NotEmpty(chosen);
            Assert.All(
                await new FramesApi(c).RestartAsync(task.Id, chosen, default),
                r => Assert.True(r.Succeeded, r.ToString()));
            var after = await new FramesApi(c).List(task.Id).ReadAllAsync(default);
            Assert.All(
                after.Where(f => chosen.Contains(f.FrameId)), f => Assert.Equal(RbFrameStatus.Waiting, f.Status));
            return string.Join(",", after.Select(f => f.FrameId + ":" + (int)f.Status));
        });
        Assert.Equal(cur, old);
        Assert.Single(v1.Emulator.Requests, r => r.Path == "/api/render/task/restartFrame");
        AssertOnlyV1Paths();

        // the v1 body itself: taskIds is one integer, ids and selectAll as given
        var body = RbV1Bodies.ToV1(
            RbCatalog.RecommitTaskFrames, JsonNode.Parse("{\"taskId\":7,\"selectAll\":0,\"ids\":[1,2]}")!.AsObject())
            .Single();
        Assert.Equal("{\"selectAll\":0,\"ids\":[1,2],\"taskIds\":7}", body.ToJsonString());
    }

    [Fact]
    public async Task Task_labels_are_added_and_removed_alike_on_both_path_sets()
    {
        var (cur, old) = await Both(async c =>
        {
            var ids = (await All(c)).Take(120).Select(x => x.Id).ToList();
            Assert.All(
                await new TasksApi(c).AddLabelAsync(ids, "v1-check", default),
                r => Assert.True(r.Succeeded, r.ToString()));
            var labelled = await new TasksApi(c).GetAsync(ids, default);
            Assert.All(labelled, x => Assert.Contains(x.Labels, l => l.Name == "v1-check"));
            Assert.All(
                await new TasksApi(c).RemoveLabelsAsync(ids.Take(20), new[] { "v1-check" }, null, default),
                r => Assert.True(r.Succeeded, r.ToString()));
            var after = await new TasksApi(c).GetAsync(ids, default);
            Assert.Equal(100, after.Count(x => x.Labels.Any(l => l.Name == "v1-check")));
            return string.Join(",", after.Select(x => x.Id + ":" + string.Join("+", x.Labels.Select(l => l.Name))));
        });
        Assert.Equal(cur, old);
        Assert.Contains(v1.Emulator.Requests, r => r.Path == "/api/render/task/addTaskLabel");
        Assert.Contains(v1.Emulator.Requests, r => r.Path == "/api/render/task/deleteTaskLabel");
        AssertOnlyV1Paths();
    }

    [Fact]
    public async Task Error_details_for_several_codes_are_asked_one_code_a_call_on_v1_and_read_the_same()
    {
        var codes = new[] { "15000", "50001", "10010", "99999999" };
        var (cur, old) = await Both(c => new SubmitApi(c).GetErrorDetailsAsync(codes, RbLanguage.English, default));
        Assert.Contains(cur, r => r.Details.Count > 0);
        Assert.Equal(
            cur.Select(
            r => r.Code + ":" + string.Join("|", r.Details.Select(d => d.Description)) + ":"
            + (r.Error as RbValidationException)?.ErrorId),
            old.Select(
                r => r.Code + ":" + string.Join("|", r.Details.Select(d => d.Description)) + ":"
                + (r.Error as RbValidationException)?.ErrorId));
        Assert.Equal(1, current.Emulator.Requests.Count(r => r.Operation == "queryAnalyseErrorDetail"));
        Assert.Equal(codes.Length, v1.Emulator.Requests.Count(r => r.Path == "/api/render/common/queryErrorDetail"));
        AssertOnlyV1Paths();
    }

    [Fact]
    public async Task Software_plugins_and_render_environments_read_the_same_and_a_new_environment_lands_in_the_same_account()
    {
        var (sw, swOld) = await Both(c => new SoftwareApi(c).GetSoftwareAsync(default));
        Assert.Equal(sw.Select(s => s.SoftwareId + s.Name), swOld.Select(s => s.SoftwareId + s.Name));
        var (maya, mayaOld) = await Both(
            c => new SoftwareApi(c).GetVersionsAsync(2000, RbOperatingSystem.Windows, default));
        Assert.NotEmpty(maya);
        Assert.Equal(
            maya.Select(v => v.Version + ":" + v.Plugins.Count),
            mayaOld.Select(v => v.Version + ":" + v.Plugins.Count));

        // several software ids are asked one cgId a call; the OS filter is applied to the v1 answer
        var ids = new[] { 2000, 2001, 2004 };
        var (envs, envsOld) = await Both(
            c => new SoftwareApi(c).GetRenderEnvsAsync(ids, RbOperatingSystem.Windows, default));
        Assert.NotEmpty(envs);
        Assert.Equal(envs.Select(e => e.Name).OrderBy(n => n), envsOld.Select(e => e.Name).OrderBy(n => n));
        Assert.All(envsOld, e => Assert.Equal(RbOperatingSystem.Windows, e.OS));
        var (allOs, allOsOld) = await Both(c => new SoftwareApi(c).GetRenderEnvsAsync(ids, null, default));
        Assert.Equal(allOs.Select(e => e.Name).OrderBy(n => n), allOsOld.Select(e => e.Name).OrderBy(n => n));
        // one cgId a call: once for Windows, then once per OS for both (Core asks each OS, since the current path
        // defaults to Windows)
        Assert.Equal(ids.Length * 3, v1.Emulator.Requests.Count(r => r.Path == "/api/render/common/getRenderEnv"));

        // a v1 client adds an environment; a current client of the same emulator sees it
        var plan = await new SoftwareApi(v1Client).PlanRenderEnvAsync(
            new RbRenderEnvSpec { Name = "v1-env", Software = "maya", Version = "2023",
            Plugins = new[] { "redshift" } }, default);
        var env = await new SoftwareApi(v1Client).AddRenderEnvAsync(plan, default);
        Assert.Equal("v1-env", env.Name);
        Assert.Contains(
            await new SoftwareApi(v1.Client).GetRenderEnvsAsync(new[] { 2000 }, null, default), e => e.Name == "v1-env"
            && e.Plugins.Any(p => p.Name == "redshift"));
        Assert.Contains(v1.Emulator.Requests, r => r.Path == "/api/render/common/addRenderEnv");
    }

    [Fact]
    public async Task Linux_plugins_and_deleted_tasks_are_refused_on_v1_before_anything_is_sent()
    {
        var before = v1.Emulator.Requests.Count;
        var linux = await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(v1Client).GetVersionsAsync(2000, RbOperatingSystem.Linux, default));
        Assert.Equal("Rb.NotInPathSet", linux.ErrorId);
        Assert.Contains("querySupportedPlugin", linux.Message);
        Assert.Contains("-PathSet Current", linux.RecommendedAction);
        var deleted = await Assert.ThrowsAsync<RbValidationException>(
            () => new TasksApi(v1Client).List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default));
        Assert.Equal("Rb.NotInPathSet", deleted.ErrorId);
        var frameStatus = await Assert.ThrowsAsync<RbValidationException>(
            () => new FramesApi(v1Client).RestartAllAsync(1, new[] { RbFrameStatus.Failed }, false, default));
        Assert.Equal("Rb.NotInPathSet", frameStatus.ErrorId);
        Assert.Equal(before, v1.Emulator.Requests.Count);
    }

    [Fact]
    public async Task An_operation_v1_lacks_fails_per_item_naming_the_path_set_and_sends_nothing()
    {
        var task = (await All(v1Client, RbTaskStatus.Rendering)).First();
        var frames = (await new FramesApi(v1Client).List(task.Id).ReadAllAsync(default)).Take(3).Select(f => f.FrameId)
            .ToList();
        var before = v1.Emulator.Requests.Count;

        var results = await new FramesApi(v1Client).StopAsync(task.Id, frames, default);

        Assert.Equal(frames, results.Select(r => r.Id));
        Assert.All(results, r =>
        {
            var error = Assert.IsType<RbValidationException>(r.Error);
            Assert.Equal("Rb.NotInPathSet", error.ErrorId);
            Assert.Contains("V1 path set", error.Message);
            Assert.Contains("stopTaskFrames", error.Message);
            Assert.Contains("-PathSet Current", error.RecommendedAction);
        });
        Assert.Equal(before, v1.Emulator.Requests.Count);
        var ex = await Assert.ThrowsAsync<RbValidationException>(
            () => v1Client.SendAsync(RbCatalog.ShowLog, null, default));
        Assert.Equal("Rb.NotInPathSet", ex.ErrorId);
    }

    [Fact]
    public void Every_operation_with_a_v1_path_has_an_entry_in_the_one_table_of_body_differences()
    {
        var v1Ops = RbCatalog.All.Where(op => op.V1Path != null).ToList();
        Assert.True(v1Ops.Count >= 35, "has " + v1Ops.Count);
        Assert.Equal(v1Ops.OrderBy(o => o.Name), RbV1Bodies.Described.OrderBy(o => o.Name));
        Assert.All(v1Ops, op => Assert.False(string.IsNullOrWhiteSpace(RbV1Bodies.DifferenceOf(op))));
        Assert.Equal(
            "Rb.NotInPathSet", Assert.Throws<RbValidationException>(
            () => RbV1Bodies.ToV1(RbCatalog.ShowLog, new JsonObject())).ErrorId);
    }

    [Fact]
    public void The_user_setting_timeout_is_hours_on_v1_and_seconds_on_current_in_both_directions()
    {
        var sent = RbV1Bodies.ToV1(RbCatalog.UpdateUserSetting, new JsonObject { ["taskOverTimeSec"] = 43200 })
            .Single();
        Assert.Equal("{\"taskOverTime\":12}", sent.ToJsonString());
        var served = RbV1Bodies.FromV1(
            RbCatalog.UpdateUserSetting, JsonNode.Parse("{\"taskOverTime\":13}")!.AsObject());
        Assert.Equal("{\"taskOverTimeSec\":46800}", served.ToJsonString());
        var odd = Assert.Throws<RbValidationException>(
            () => RbV1Bodies.ToV1(RbCatalog.UpdateUserSetting, new JsonObject { ["taskOverTimeSec"] = 5400 }));
        Assert.Equal("Rb.NotInPathSet", odd.ErrorId);
        Assert.Contains("whole hours", odd.Message);

        // answers: the emulator drops taskOverTimeSec on v1; the client derives it back from the hours
        var v1Answer = RbV1Bodies.AnswerToV1(
            RbCatalog.QueryUserSetting, JsonNode.Parse(
            "{\"taskOverTime\":12,\"taskOverTimeSec\":43200,\"downloadDisable\":0}"));
        Assert.Equal("{\"taskOverTime\":12,\"downloadDisable\":0}", v1Answer!.ToJsonString());
        var read = RbV1Bodies.ReadV1(RbCatalog.QueryUserSetting, new JsonObject(), new[] { v1Answer });
        Assert.Equal(43200, read!["taskOverTimeSec"]!.GetValue<long>());

        // transfer bid: v1 answers the three bids only
        var bid = RbV1Bodies.AnswerToV1(
            RbCatalog.GetBid, JsonNode.Parse(
            "{\"config_bid\":\"3\",\"output_bid\":\"2\",\"input_bid\":\"1\",\"parent_input_bid\":\"9\",\"sub_user_output_bids\":[]}"));
        Assert.Equal("{\"config_bid\":\"3\",\"output_bid\":\"2\",\"input_bid\":\"1\"}", bid!.ToJsonString());

        // projects are labels on v1 with the same body names (addLabel newName/status, deleteLabel delName)
        Assert.Equal(
            "{\"newName\":\"p\",\"status\":1}", RbV1Bodies.ToV1(
            RbCatalog.AddProject, new JsonObject { ["newName"] = "p", ["status"] = 1 }).Single().ToJsonString());
        Assert.Equal("/api/render/common/addLabel", RbCatalog.AddProject.V1Path);
        Assert.Equal(
            "{\"delName\":\"p\"}", RbV1Bodies.ToV1(RbCatalog.DeleteProject, new JsonObject { ["delName"] = "p" })
            .Single().ToJsonString());
    }

    [Fact]
    public async Task The_emulator_serves_every_v1_path_with_the_v1_header_only_and_answers_with_version_1()
    {
        // every operation the emulator serves is served on its v1 path too (the coverage walk checks that every v1
        // operation is served)
        var served = v1.Emulator.ServedOperations.Where(op => op.V1Path != null).ToList();
        Assert.True(served.Count >= 25, "serves " + served.Count);
        Assert.All(served, op => Assert.Contains(op.V1Path!, v1.Emulator.ServedPaths));
        using var http = new HttpClient();
        async Task<JsonElement> Post(string path, string version, string body)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new("accessId", v1.Emulator.AccessId), new("channel", "4"), new(
                    "platform", v1.Emulator.Platform.ToString()),
                new("UTCTimestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString()), new(
                    "nonce", Random.Shared.Next(100000, 999999).ToString()),
                new("version", version),
            };
            var host = new Uri(v1.Emulator.Domain).Authority;
            using var doc = JsonDocument.Parse(body);
            var signature = RbSigner.ComputeSignature(
                Encoding.UTF8.GetBytes(v1.KeyText()), RbSigner.SignString(host, path, headers, doc.RootElement));
            using var request = new HttpRequestMessage(HttpMethod.Post, v1.Emulator.Domain + path);
            foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("signature", signature);
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var ok = await Post("/api/render/task/queryAllFrameStats", "1.0.0", "{}");
        Assert.Equal(200, ok.GetProperty("code").GetInt32());
        Assert.Equal("1.0.0", ok.GetProperty("version").GetString());
        var wrong = await Post("/api/render/task/queryAllFrameStats", "2.0.0", "{}");
        Assert.Equal(RbCodes.IllegalProtocol, wrong.GetProperty("code").GetInt32());
        Assert.Contains("1.0.0", wrong.GetProperty("message").GetString());
        var wrongCurrent = await Post(RbCatalog.QueryAllFrameStats.Path, "1.0.0", "{}");
        Assert.Equal(RbCodes.IllegalProtocol, wrongCurrent.GetProperty("code").GetInt32());
        // queryPlatforms has one path in both sets: either version, answered in kind
        var shared = await Post("/api/render/common/queryPlatforms", "1.0.0", "{\"zone\":1}");
        Assert.Equal(200, shared.GetProperty("code").GetInt32());
        Assert.Equal("1.0.0", shared.GetProperty("version").GetString());
        // restartFrame with taskIds as a list (the current form) is refused as the v1 service would
        var task = (await All(v1Client, RbTaskStatus.FinishedWithFailedFrames)).First();
        var list = await Post(
            "/api/render/task/restartFrame", "1.0.0", "{\"taskIds\":[" + task.Id + "],\"selectAll\":1}");
        Assert.Equal(RbCodes.ParameterInvalid, list.GetProperty("code").GetInt32());
        var one = await Post("/api/render/task/restartFrame", "1.0.0", "{\"taskIds\":" + task.Id + ",\"selectAll\":1}");
        Assert.Equal(200, one.GetProperty("code").GetInt32());
        Assert.Equal(0, (await new TasksApi(v1Client).GetAsync(new[] { task.Id }, default)).Single().FailedFrames);
    }

    [Fact]
    public async Task The_transfer_config_on_v1_has_the_bids_from_getTransferBid_and_no_engines()
    {
        v1.Emulator.ClearRequests();
        // v1 has getTransferBid but no getConfig: the bids come back, the engines stay empty, nothing is sent to a
        // current path
        var old = await new TransferApi(v1Client).GetConfigAsync(default);
        var now = await new TransferApi(current.Client).GetConfigAsync(default);
        Assert.Equal(now.InputBid, old.InputBid);
        Assert.Equal(now.OutputBid, old.OutputBid);
        Assert.NotEmpty(now.Engines);
        Assert.Empty(old.Engines);
        Assert.Equal(new[] { "/api/render/task/getTransferBid" }, v1.Emulator.Requests.Select(r => r.Path));
    }
}
