using System.Text.Json.Nodes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Handlers.Api2;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The emulator's six create actions, field by field (API2-NOTES §2.1.1): each refusal of the document (1020 missing,
/// 1021 not a number, 1022 outside its set, 1023 too long) for every field that can have it, sent raw, with nothing
/// changed; and the fields Core sends per software are the ones the emulator's tables hold.
/// </summary>
public class EmulatorApi2SubmitTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 10);
    private readonly Api2Wire wire;

    public EmulatorApi2SubmitTests() => wire = new Api2Wire(t);

    public void Dispose() => t.Dispose();

    private static readonly (string Action, RbSceneSoftware Software)[] Actions =
    {
        ("create_task", RbSceneSoftware.Maya), ("create_max_task", RbSceneSoftware.Max),
        ("create_sketchup_task", RbSceneSoftware.SketchUp),
        ("create_vrstandalone_task", RbSceneSoftware.VRayStandalone),
        ("create_houdini_task", RbSceneSoftware.Houdini), ("create_blender_task", RbSceneSoftware.Blender),
    };

    /// <summary>Every (action, field, code) the document's tables allow a refusal for.</summary>
    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (action, _) in Actions)
        {
            foreach (var f in Api2Fields.ByAction[action])
            {
                if (f.Required) data.Add(action, f.Name, "1020");
                if (f.Kind != Api2Kind.Text) data.Add(action, f.Name, "1021");
                if (f.Allowed.Length > 0) data.Add(action, f.Name, "1022");
                if (f.Max > 0) data.Add(action, f.Name, "1023");
            }
        }
        return data;
    }

    /// <summary>A request Core would send for the action: accepted as it is.</summary>
    private async Task<JsonObject> RequestAsync(string action)
    {
        Api2Wire.Ok(await wire.PostAsync("create_project", new JsonObject { ["project_name"] = "defaultProject" }));
        var software = Actions.Single(a => a.Action == action).Software;
        var body = (JsonObject)JsonNode.Parse(Api2SubmitTests.Minimal(software).ToBody(new[] { "D/fields/a.scene" })
            .ToJsonBytes())!;
        return wire.Request(action, body);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_field_is_refused_with_the_documents_code_and_nothing_changes(string action, string field,
        string code)
    {
        var request = await RequestAsync(action);
        var body = (JsonObject)request["body"]!;
        var f = Api2Fields.ByAction[action].Single(x => x.Name == field);
        body[field] = code switch
        {
            "1020" => f.Kind == Api2Kind.Array ? new JsonArray() : "",
            "1021" => "x1",
            "1022" => f.Kind == Api2Kind.Int ? "9" : "notInTheSet",
            // half the limit plus one in Chinese characters: one over, as a character outside ASCII counts 2
            _ => new string('镜', f.Max / 2 + 1),
        };
        var before = await wire.SnapshotAsync();
        var answer = await wire.PostAsync(request);
        Assert.Equal("1", Api2Wire.Result(answer));
        Assert.Equal(code, Api2Wire.Code(answer));
        Assert.Contains(field, (string)answer["head"]!["description"]!);
        Assert.Equal(before, await wire.SnapshotAsync());
    }

    [Theory]
    [InlineData("create_task")]
    [InlineData("create_max_task")]
    [InlineData("create_sketchup_task")]
    [InlineData("create_vrstandalone_task")]
    [InlineData("create_houdini_task")]
    [InlineData("create_blender_task")]
    public async Task Text_at_its_longest_numbers_as_text_and_unknown_fields_are_accepted(string action)
    {
        var request = await RequestAsync(action);
        var body = (JsonObject)request["body"]!;
        // values checked only by the table (not a frame range, an account or a project the farm must know)
        var free = new[] { "camera", "render_layer", "kg", "output_file_name", "output_file_format", "page_name",
            "plugin_name", "environments", "tiles", "attr1", "user_remark", "artist" };
        foreach (var f in Api2Fields.ByAction[action])
        {
            if (f.Kind == Api2Kind.Text && f.Allowed.Length == 0 && free.Contains(f.Name))
                body[f.Name] = f.Max > 0 ? new string('a', f.Max - 2) + "镜" : "text";
            else if (f.Kind == Api2Kind.Int && !body.ContainsKey(f.Name))
                body[f.Name] = f.Allowed.FirstOrDefault() ?? "1";
            else if (f.Kind == Api2Kind.Float) body[f.Name] = "1.5";
        }
        body["not_in_the_document"] = "ignored";
        var answer = Api2Wire.Ok(await wire.PostAsync(request));
        Assert.Equal("0", (string)answer["data"]![0]!["submit_result"]!);
    }

    [Fact]
    public void Core_sends_for_each_software_the_fields_of_its_actions_table()
    {
        // tiles, attr1 and attr2 "may be left unused in V1.0": Core does not send them
        var unused = new[] { "tiles", "attr1", "attr2" };
        var fields = Actions.SelectMany(a => Api2Fields.ByAction[a.Action]).Select(f => f.Name)
            .Except(unused).Distinct().ToList();
        Assert.True(fields.Count > 25, "the tables hold " + fields.Count + " fields");
        foreach (var (action, software) in Actions)
        {
            var own = Api2Fields.ByAction[action].Select(f => f.Name).ToHashSet();
            Assert.Equal(fields.Where(own.Contains).OrderBy(n => n),
                fields.Where(n => RbSceneSubmission.Has(software, n)).OrderBy(n => n));
        }
    }
}
