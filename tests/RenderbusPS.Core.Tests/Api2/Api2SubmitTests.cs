using System.Collections;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>Submitting scenes over API 2.0 from Core: the six create actions, checks before sending, batching, and
/// no second attempt after a lost answer.</summary>
public class Api2SubmitTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 40);
    private readonly Api2Wire wire;

    public Api2SubmitTests() => wire = new Api2Wire(t);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 4), default);

    private async Task ProjectAsync(string name)
        => Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject { ["project_name"] = name }));

    /// <summary>A submission of each software with what its action requires.</summary>
    internal static RbSceneSubmission Minimal(RbSceneSoftware software, string project = "defaultProject")
        => software switch
        {
            RbSceneSoftware.Max => new() { Software = software, Project = project, SoftwareName = "3ds Max 2014",
                Frame = new RbFrameRange("1-3") },
            RbSceneSoftware.SketchUp => new() { Software = software, Project = project,
                SoftwareName = "sketchup 2017", Width = 640, Height = 480, Page = "Scene 1" },
            RbSceneSoftware.VRayStandalone => new() { Software = software, Project = project,
                SoftwareName = "V-Ray_standalone", Frame = new RbFrameRange("1"), Plugin = new[] { "vray 3.10.01" } },
            RbSceneSoftware.Houdini => new() { Software = software, Project = project, SoftwareName = "houdini 13",
                Node = new[] { new RbHoudiniNode("/out/mantra1", "1-4") } },
            RbSceneSoftware.Blender => new() { Software = software, Project = project,
                SoftwareName = "blender 2.78c", Frame = new RbFrameRange("1-2") },
            _ => new() { Software = software, Project = project, SoftwareName = "maya 2015",
                Frame = new RbFrameRange("1-10") },
        };

    /// <summary>The document's examples (§2.1.4) and the submissions that say the same.</summary>
    public static TheoryData<string, string> Examples() => new()
    {
        { nameof(Api2Fixtures.CreateTask), "maya" },
        { nameof(Api2Fixtures.CreateVRStandaloneTask), "vrs" },
        { nameof(Api2Fixtures.CreateHoudiniTask), "houdini" },
        { nameof(Api2Fixtures.CreateBlenderTask), "blender" },
    };

    private static (RbSceneSubmission, string) Example(string which) => which switch
    {
        "vrs" => (new RbSceneSubmission { Software = RbSceneSoftware.VRayStandalone, Project = "defaultProject",
            SoftwareName = "V-Ray_standalone", Plugin = new[] { "vray 3.10.01" }, Frame = new RbFrameRange("1"),
            Width = 320, Height = 640 }, "D/maya/vr_test1.vrscene"),
        "houdini" => (new RbSceneSubmission { Software = RbSceneSoftware.Houdini, Project = "defaultProject",
            SoftwareName = "houdini 13", Node = new[]
            {
                new RbHoudiniNode("/obj/grid_object1/rop_geometry1", "1-240[1]", simulate: true),
                RbHoudiniNode.From(new Hashtable { ["LayerName"] = "/out/mantra1", ["Frames"] = "1-20[1]" }),
            } }, "D/renderFile/test.hip"),
        "blender" => (new RbSceneSubmission { Software = RbSceneSoftware.Blender, Project = "defaultProject",
            SoftwareName = "blender 2.78c", Frame = new RbFrameRange("1") },
            "D/renderFile/blender276_test/test_276.blend"),
        _ => (new RbSceneSubmission { Software = RbSceneSoftware.Maya, SubmitAccount = "frank01", Project = "test",
            SoftwareName = "maya 2015", Frame = new RbFrameRange("1-10") }, "D:\\maya\\zulu.mb"),
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_submission_writes_the_body_of_the_documents_example(string fixture, string which)
    {
        var expected = JsonNode.Parse((string)typeof(Api2Fixtures).GetField(fixture)!.GetValue(null)!)!["body"]!;
        var (submission, path) = Example(which);
        var body = JsonNode.Parse(submission.ToBody(new[] { RbSceneRules.Path(path) }).ToJsonBytes())!;
        Assert.Equal(Sorted(expected), Sorted(body));
        Assert.Equal(fixture switch
        {
            nameof(Api2Fixtures.CreateTask) => "create_task",
            nameof(Api2Fixtures.CreateVRStandaloneTask) => "create_vrstandalone_task",
            nameof(Api2Fixtures.CreateHoudiniTask) => "create_houdini_task",
            _ => "create_blender_task",
        }, submission.Action.Name);
    }

    /// <summary>JSON with every object's members in name order, so two bodies compare by content.</summary>
    private static string Sorted(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"\"{kv.Key}\":{Sorted(kv.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Sorted)) + "]",
        _ => node?.ToJsonString() ?? "null",
    };

    [Theory]
    [InlineData("Maya", "create_task", 10)]
    [InlineData("Max", "create_max_task", 3)]
    [InlineData("SketchUp", "create_sketchup_task", 1)]
    [InlineData("VRayStandalone", "create_vrstandalone_task", 1)]
    [InlineData("Houdini", "create_houdini_task", 4)]
    [InlineData("Blender", "create_blender_task", 2)]
    public async Task Each_software_submits_one_task_per_path_that_both_protocols_list(string name, string action,
        int frames)
    {
        var software = Enum.Parse<RbSceneSoftware>(name);
        await ProjectAsync("defaultProject");
        using var session = await ConnectAsync();
        var submission = Minimal(software);
        submission.Priority = 60;
        submission.Remark = "lookdev 镜头";
        var paths = new[] { $"D/scenes/{action}_a.scene", $"D/scenes/{action}_b.scene" };
        t.Emulator.ClearRequests();
        var results = await session.Api2Submit.SubmitAsync(submission, paths, default);

        Assert.Equal(paths, results.Select(r => r.Path));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var ids = results.Select(r => r.TaskId!.Value).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        // Houdini and Blender take one scene a call (API2-NOTES §2.1.1), the others both in one
        var calls = t.Emulator.Requests.Count(r => r.Operation == action);
        Assert.Equal(software is RbSceneSoftware.Houdini or RbSceneSoftware.Blender ? 2 : 1, calls);

        var rest = await new TasksApi(t.Client).GetAsync(ids, default);
        Assert.All(rest, x => Assert.Equal("defaultProject", x.ProjectName));
        Assert.All(rest, x => Assert.Equal(frames, x.TotalFrames));
        Assert.Equal(new[] { $"{action}_a.scene", $"{action}_b.scene" }, rest.Select(x => x.SceneName));
        var api2 = await session.TaskReader.GetEachAsync(ids, default);
        Assert.Equal(paths, api2.Select(r => r.Item!.SceneName));
        Assert.All(api2, r => Assert.Equal(submission.SoftwareName, r.Item!.Extra["cg_soft_name"]?.ToString()));
        Assert.Equal(rest.Select(x => (x.Id, x.Status, x.TotalFrames)),
            api2.Select(r => (r.Item!.Id, r.Item.Status, r.Item.TotalFrames)));
    }

    [Fact]
    public async Task Submitted_stopped_tasks_wait_stopped_and_the_timeout_goes_in_hours()
    {
        await ProjectAsync("defaultProject");
        using var session = await ConnectAsync();
        var submission = Minimal(RbSceneSoftware.Maya);
        submission.SubmitStopped = true;
        submission.TimeoutStop = TimeSpan.FromMinutes(90);
        submission.PriorityFrame = new[] { 1, 5 };
        var body = JsonNode.Parse(submission.ToBody(new[] { "D/a.mb" }).ToJsonBytes())!;
        Assert.Equal("1.5", (string)body["timeout"]!);
        Assert.Equal("1", (string)body["submit_type"]!);
        Assert.Equal("1,5", (string)body["first_frames"]!);
        Assert.Equal("fullSpeed", (string)body["after_first_render"]!);
        var result = Assert.Single(await session.Api2Submit.SubmitAsync(submission, new[] { "D/a.mb" }, default));
        var task = (await new TasksApi(t.Client).GetAsync(new[] { result.TaskId!.Value }, default)).Single();
        Assert.Equal(RbTaskStatus.Stopped, task.Status);
    }

    [Theory]
    [InlineData(250, 4, 3)]
    [InlineData(120, 60, 15)]
    public async Task More_paths_than_a_call_takes_go_in_several_calls_one_task_each(int count, int length,
        int expectedCalls)
    {
        await ProjectAsync("defaultProject");
        using var session = await ConnectAsync();
        // 4 characters: 100 paths a call; 60: the 512 characters of input_scene_path bind first (8 a call)
        var paths = Enumerable.Range(0, count).Select(i => i.ToString("D3").PadLeft(length - 1, 'p') + "m").ToList();
        var batches = Api2SubmitApi.Batches(paths, RbApi2Catalog.MaxScenePaths, 512);
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 100));
        Assert.All(batches, b => Assert.InRange(string.Join(",", b).Length, 1, 512));
        Assert.Equal(paths, batches.SelectMany(b => b));
        Assert.Equal(expectedCalls, batches.Count);
        var before = t.Emulator.TaskCount;
        t.Emulator.ClearRequests();

        var results = await session.Api2Submit.SubmitAsync(Minimal(RbSceneSoftware.Maya), paths, default);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(paths, results.Select(r => r.Path));
        Assert.Equal(count, results.Select(r => r.TaskId).Distinct().Count());
        Assert.Equal(before + count, t.Emulator.TaskCount);
        Assert.Equal(expectedCalls, t.Emulator.Requests.Count(r => r.Operation == "create_task"));
    }

    [Fact]
    public async Task A_lost_answer_is_never_sent_again_and_says_what_to_look_for()
    {
        await ProjectAsync("defaultProject");
        using var session = await ConnectAsync();
        t.Emulator.Faults.Add(new RbFault { Operation = "create_max_task", LoseAnswer = true });
        var before = t.Emulator.TaskCount;
        t.Emulator.ClearRequests();

        var results = await session.Api2Submit.SubmitAsync(Minimal(RbSceneSoftware.Max),
            new[] { "D/max/city.max", "D/max/park.max" }, default);

        Assert.All(results, r => Assert.IsType<RbOutcomeUnknownException>(r.Error));
        var unknown = (RbOutcomeUnknownException)results[0].Error!;
        Assert.Contains("Get-RbTask -Keyword 'D/max/city.max'", unknown.RecommendedAction);
        Assert.Contains("not sent again", unknown.Message);
        Assert.Equal(1, t.Emulator.Requests.Count(r => r.Operation == "create_max_task"));
        // it did act: the two tasks exist once each, and the keyword the error names finds them
        Assert.Equal(before + 2, t.Emulator.TaskCount);
        var found = await session.Api2Tasks.List(new RbTaskQuery { Keyword = "D/max/city.max" }).ReadAllAsync(default);
        Assert.Single(found);
    }

    [Theory]
    [InlineData(503, false)]
    [InlineData(0, true)]
    public async Task Failures_that_prove_nothing_was_made_are_retried_into_one_task(int status, bool html)
    {
        await ProjectAsync("defaultProject");
        using var session = await ConnectAsync();
        t.Emulator.Faults.Add(status > 0 ? new RbFault { Operation = "create_task", HttpStatus = status, Count = 2 }
            : new RbFault { Operation = "create_task", Code = 0, Garble = html, Count = 1 });
        var before = t.Emulator.TaskCount;
        t.Emulator.ClearRequests();

        var results = await session.Api2Submit.SubmitAsync(Minimal(RbSceneSoftware.Maya), new[] { "D/a.mb" },
            default);

        if (status > 0)
        {
            Assert.True(results.Single().Succeeded, results.Single().ToString());
            Assert.Equal(3, t.Emulator.Requests.Count(r => r.Operation == "create_task"));
            Assert.Equal(before + 1, t.Emulator.TaskCount);
        }
        else
        {
            // a garbled answer may follow an act: unknown, not repeated, and at most one task
            Assert.Equal(1, t.Emulator.Requests.Count(r => r.Operation == "create_task"));
            Assert.InRange(t.Emulator.TaskCount - before, 0, 1);
            Assert.IsType<RbOutcomeUnknownException>(results.Single().Error);
        }
    }

    [Fact]
    public async Task A_project_the_account_does_not_have_is_Rb_ProjectNotFound_per_path()
    {
        using var session = await ConnectAsync();
        var results = await session.Api2Submit.SubmitAsync(Minimal(RbSceneSoftware.Blender, "no_such_project"),
            new[] { "D/a.blend", "D/b.blend" }, default);
        Assert.All(results, r => Assert.Equal("Rb.ProjectNotFound", Assert.IsType<RbValidationException>(r.Error)
            .ErrorId));
    }
}
