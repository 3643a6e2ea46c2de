using System.Text.Json.Nodes;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Every error code of the API 2.0 document, sent raw over a socket: the answer names the code, and the account is
/// as it was (the bad requests are writes, so a change would show). Where two checks fail at once, the document's
/// order decides which code answers.
/// </summary>
public class Api2ErrorCodeTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 30);
    private readonly Api2Wire wire;

    public Api2ErrorCodeTests() => wire = new Api2Wire(t);

    public void Dispose() => t.Dispose();

    private JsonObject CreateTask(Action<JsonObject>? edit = null)
    {
        var request = wire.Request("create_task", new JsonObject
        {
            ["project_name"] = "commercial_2026", ["input_scene_path"] = "D/maya/zulu.mb",
                ["cg_soft_name"] = "maya 2015",
            ["frames"] = "1-10",
        });
        edit?.Invoke((JsonObject)request["body"]!);
        return request;
    }

    /// <summary>Sends the text raw; asserts the code, a failed result, and an unchanged account.</summary>
    private async Task Refused(string code, string text, string contentType = "application/json")
    {
        var before = await wire.SnapshotAsync();
        var answer = Api2Wire.Answer(await wire.RawAsync(text, contentType));
        Assert.Equal("1", Api2Wire.Result(answer));
        Assert.Equal(code, Api2Wire.Code(answer));
        Assert.False(string.IsNullOrEmpty((string?)answer["head"]!["description"]), "no description");
        Assert.Equal(before, await wire.SnapshotAsync());
    }

    [Fact]
    public async Task A_good_create_is_accepted_so_the_refusals_below_are_about_their_one_fault()
    {
        var before = await wire.SnapshotAsync();
        Api2Wire.Ok(Api2Wire.Answer(await wire.RawAsync(CreateTask().ToJsonString())));
        Assert.NotEqual(before, await wire.SnapshotAsync());
    }

    [Fact]
    public Task Code_1001_an_empty_request() => Refused("1001", "");

    [Fact]
    public Task Code_1001_comes_before_the_content_type() => Refused("1001", "", "text/plain");

    [Theory]
    [InlineData("{\"head\":")]
    [InlineData("[1,2]")]
    [InlineData("head=1&body=2")]
    public Task Code_1002_not_a_json_object(string text) => Refused("1002", text, "text/plain");

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    public Task Code_1004_a_content_type_other_than_json(string type) => Refused("1004", CreateTask().ToJsonString(),
        type);

    [Fact]
    public Task Code_1005_over_200_KB_even_when_the_rest_is_right()
        => Refused("1005", CreateTask(b => b["padding"] = new string('x', 205 * 1024)).ToJsonString());

    [Fact]
    public Task Code_1004_comes_before_1005() => Refused("1004",
        CreateTask(b => b["padding"] = new string('x', 205 * 1024)).ToJsonString(), "text/plain");

    [Fact]
    public Task Code_1006_no_head() => Refused("1006", new JsonObject { ["body"] = new JsonObject() }.ToJsonString());

    [Fact]
    public Task Code_1006_comes_before_1007() => Refused("1006", "{}");

    [Fact]
    public Task Code_1007_no_body() => Refused("1007",
        new JsonObject { ["head"] = CreateTask()["head"]!.DeepClone() }.ToJsonString());

    [Fact]
    public Task Code_1010_a_wrong_key_even_with_the_body_incomplete()
    {
        var request = CreateTask(b => b.Remove("frames"));
        request["head"]!["access_key"] = "MjAxNzA3MjExMjE3MDA0MDQwNjcwMDQ=";
        return Refused("1010", request.ToJsonString());
    }

    [Fact]
    public Task Code_1012_an_account_that_does_not_exist()
    {
        var request = CreateTask();
        request["head"]!["account"] = "wupeng";
        return Refused("1012", request.ToJsonString());
    }

    [Fact]
    public async Task Code_1013_a_disabled_account_and_back_once_enabled()
    {
        var before = await wire.SnapshotAsync();
        t.Emulator.AccountDisabled = true;
        Assert.Equal("1013", Api2Wire.Code(Api2Wire.Answer(await wire.RawAsync(CreateTask().ToJsonString()))));
        Assert.Equal("1013", Api2Wire.Code(await wire.PostAsync("query_customer")));
        t.Emulator.AccountDisabled = false;
        Assert.Equal(before, await wire.SnapshotAsync());
    }

    [Theory]
    [InlineData("frames", null)]
    [InlineData("project_name", "")]
    [InlineData("cg_soft_name", "   ")]
    public Task Code_1020_a_required_field_missing_or_empty(string field, string? value)
        => Refused("1020", CreateTask(b
            => { if (value == null) b.Remove(field); else b[field] = value; }).ToJsonString());

    [Fact]
    public Task Code_1020_a_head_field_missing()
    {
        var request = CreateTask();
        ((JsonObject)request["head"]!).Remove("action");
        return Refused("1020", request.ToJsonString());
    }

    [Fact]
    public Task Code_1020_comes_before_1021() => Refused("1020", CreateTask(b
        => { b.Remove("frames"); b["image_width"] = "wide"; }).ToJsonString());

    [Theory]
    [InlineData("image_width", "wide")]
    [InlineData("priority", "1.5")]
    [InlineData("timeout", "two hours")]
    public Task Code_1021_not_a_number(string field, string value) => Refused("1021", CreateTask(b
        => b[field] = value).ToJsonString());

    [Fact]
    public Task Code_1021_comes_before_1022() => Refused("1021",
        CreateTask(b => { b["image_width"] = "wide"; b["submit_type"] = "7"; }).ToJsonString());

    [Theory]
    [InlineData("submit_type", "2")]
    [InlineData("after_first_render", "later")]
    [InlineData("frames", "10-1x")]
    public Task Code_1022_a_value_outside_its_set(string field, string value) => Refused("1022", CreateTask(b
        => b[field] = value).ToJsonString());

    [Fact]
    public Task Code_1022_an_action_that_does_not_exist()
    {
        var request = CreateTask();
        request["head"]!["action"] = "create_nuke_task";
        return Refused("1022", request.ToJsonString());
    }

    [Fact]
    public Task Code_1022_comes_before_1023() => Refused("1022",
        CreateTask(b => { b["submit_type"] = "7"; b["camera"] = new string('c', 65); }).ToJsonString());

    [Fact]
    public Task Code_1023_too_long() => Refused("1023", CreateTask(b => b["camera"] = new string('c',
        65)).ToJsonString());

    [Fact]
    public async Task Code_1023_counts_a_Chinese_character_as_two()
    {
        // camera takes 64: 32 Chinese characters fit, 33 do not
        Api2Wire.Ok(Api2Wire.Answer(await wire.RawAsync(CreateTask(b => b["camera"] = new string('镜',
            32)).ToJsonString())));
        await Refused("1023", CreateTask(b => b["camera"] = new string('镜', 33)).ToJsonString());
    }

    [Fact]
    public Task Code_1023_comes_before_1024() => Refused("1023", CreateTask(b => b["camera"] = "<" + new string('c',
        65)).ToJsonString());

    [Theory]
    [InlineData("camera", "cam<script>")]
    [InlineData("artist", "bad\u0001name")]
    public Task Code_1024_illegal_characters(string field, string value) => Refused("1024", CreateTask(b
        => b[field] = value).ToJsonString());

    [Fact]
    public Task Code_1024_a_project_name_of_other_than_letters_and_digits()
        => Refused("1024", wire.Request("create_project",
            new JsonObject { ["project_name"] = "my_project" }).ToJsonString());

    [Fact]
    public async Task Unknown_fields_are_ignored_and_every_status_word_is_accepted()
    {
        foreach (var word in RbApi2Words.TaskWords)
            Api2Wire.Ok(await wire.PostAsync("query_task", new JsonObject { ["task_status"] = word,
                ["no_such_field"] = new JsonArray(1, 2) }));
        Assert.Equal("1022", Api2Wire.Code(await wire.PostAsync("query_task",
            new JsonObject { ["task_status"] = "start" })));
    }
}
