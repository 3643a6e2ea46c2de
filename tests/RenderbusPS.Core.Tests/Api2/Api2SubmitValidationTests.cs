using System.Collections;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>What a scene submission refuses before anything is sent: one stable id per kind, the service's own where
/// the service has one, and an empty request log.</summary>
public class Api2SubmitValidationTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 10);

    public void Dispose() => t.Dispose();

    private static readonly Dictionary<string, (RbSceneSoftware Software, Action<RbSceneSubmission> Edit,
        string Path, string Id)> Cases = new()
    {
        ["no project"] = (RbSceneSoftware.Maya, s => s.Project = "  ", "D/a.mb", "Rb.FieldEmpty"),
        ["project over 64"] = (RbSceneSoftware.Maya, s => s.Project = new string('p', 65), "D/a.mb",
            "Rb.FieldTooLong"),
        ["project of 33 Chinese characters"] = (RbSceneSoftware.Maya, s => s.Project = new string('项', 33), "D/a.mb",
            "Rb.FieldTooLong"),
        ["software of another kind"] = (RbSceneSoftware.Maya, s => s.SoftwareName = "houdini 13", "D/a.mb",
            "Rb.SoftwareMismatch"),
        ["no software"] = (RbSceneSoftware.Blender, s => s.SoftwareName = null, "D/a.blend", "Rb.FieldEmpty"),
        ["Maya without frames"] = (RbSceneSoftware.Maya, s => s.Frame = null, "D/a.mb", "Rb.FieldEmpty"),
        ["a bad frame range"] = (RbSceneSoftware.Maya, s => s.Frame = new RbFrameRange("1-3x"), "D/a.mb",
            "Rb.InvalidFrameRange"),
        ["a downward range"] = (RbSceneSoftware.Blender, s => s.Frame = new RbFrameRange("30-20"), "D/a.blend",
            "Rb.InvalidFrameRange"),
        ["too many frames"] = (RbSceneSoftware.VRayStandalone, s => s.Frame = new RbFrameRange("0-200000"),
            "D/a.vrscene", "Rb.FrameRangeTooLarge"),
        ["frames over 64 long"] = (RbSceneSoftware.Maya, s => s.Frame = new RbFrameRange(string.Join(",",
            Enumerable.Range(1, 30))), "D/a.mb", "Rb.FieldTooLong"),
        ["a line break in the camera"] = (RbSceneSoftware.Max, s => s.Camera = "cam\nera", "D/a.max",
            "Rb.FieldIllegalCharacters"),
        ["a width of 0"] = (RbSceneSoftware.SketchUp, s => s.Width = 0, "D/a.skp", "Rb.FieldValueIllegal"),
        ["SketchUp without a page"] = (RbSceneSoftware.SketchUp, s => s.Page = null, "D/a.skp", "Rb.FieldEmpty"),
        ["SketchUp without a height"] = (RbSceneSoftware.SketchUp, s => s.Height = null, "D/a.skp",
            "Rb.FieldEmpty"),
        ["total frames of a still"] = (RbSceneSoftware.SketchUp, s => s.TotalFrames = 24, "D/a.skp",
            "Rb.FieldValueIllegal"),
        ["submit stopped on Max"] = (RbSceneSoftware.Max, s => s.SubmitStopped = true, "D/a.max",
            "Rb.NotForSoftware"),
        ["a plugin for Max"] = (RbSceneSoftware.Max, s => s.Plugin = new[] { "vray 3" }, "D/a.max",
            "Rb.NotForSoftware"),
        ["a submit account for Houdini"] = (RbSceneSoftware.Houdini, s => s.SubmitAccount = "frank01", "D/a.hip",
            "Rb.NotForSoftware"),
        ["nodes for Blender"] = (RbSceneSoftware.Blender, s => s.Node = new[] { new RbHoudiniNode("/out/m", "1") },
            "D/a.blend", "Rb.NotForSoftware"),
        ["Houdini without nodes"] = (RbSceneSoftware.Houdini, s => s.Node = null, "D/a.hip", "Rb.FieldEmpty"),
        ["a node without frames"] = (RbSceneSoftware.Houdini, s => s.Node = new[] { new RbHoudiniNode { Node = "/o" } },
            "D/a.hip", "Rb.InvalidHoudiniNode"),
        ["a node with bad frames"] = (RbSceneSoftware.Houdini, s => s.Node = new[] { new RbHoudiniNode("/o", "x") },
            "D/a.hip", "Rb.InvalidHoudiniNode"),
        ["a node with an unknown key"] = (RbSceneSoftware.Houdini, s => s.Node = new[] { RbHoudiniNode.From(
            new Hashtable { ["Node"] = "/o", ["Frames"] = "1", ["Camera"] = "c" }) }, "D/a.hip",
            "Rb.InvalidHoudiniNode"),
        ["a node that is text"] = (RbSceneSoftware.Houdini, s => s.Node = new[] { RbHoudiniNode.From("/out/m") },
            "D/a.hip", "Rb.InvalidHoudiniNode"),
        ["a path with a comma"] = (RbSceneSoftware.Maya, _ => { }, "D/a,b.mb", "Rb.InvalidScenePath"),
        ["a path over 512"] = (RbSceneSoftware.Maya, _ => { }, "D/" + new string('s', 511), "Rb.InvalidScenePath"),
        ["a path of 257 Chinese characters"] = (RbSceneSoftware.Maya, _ => { }, new string('场', 257),
            "Rb.InvalidScenePath"),
        ["a blank path"] = (RbSceneSoftware.Maya, _ => { }, " ", "Rb.InvalidScenePath"),
        ["a negative priority frame"] = (RbSceneSoftware.Maya, s => s.PriorityFrame = new[] { 1, -2 }, "D/a.mb",
            "Rb.InvalidPriorityFrame"),
        ["stop after no priority frames"] = (RbSceneSoftware.Blender, s => s.StopAfterPriorityFrame = true,
            "D/a.blend", "Rb.InvalidPriorityFrame"),
        ["half a second of timeout"] = (RbSceneSoftware.Maya, s => s.TimeoutStop = TimeSpan.FromSeconds(0.5),
            "D/a.mb", "Rb.InvalidTimeoutStop"),
        ["a plugin with a comma"] = (RbSceneSoftware.Blender, s => s.Plugin = new[] { "a 1,b 2" }, "D/a.blend",
            "Rb.FieldValueIllegal"),
        ["a negative priority"] = (RbSceneSoftware.Maya, s => s.Priority = -1, "D/a.mb", "Rb.FieldValueIllegal"),
        ["one machine to distribute over"] = (RbSceneSoftware.VRayStandalone, s => s.MachineCount = 0,
            "D/a.vrscene", "Rb.FieldValueIllegal"),
    };

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_refused_submission_sends_nothing(string name)
    {
        var (software, edit, path, id) = Cases[name];
        var submission = Api2SubmitTests.Minimal(software);
        edit(submission);
        using var session = await RbSession.ConnectAsync(t.Api2Options(), default);
        t.Emulator.ClearRequests();
        var before = t.Emulator.TaskCount;

        var error = await Assert.ThrowsAsync<RbValidationException>(
            () => session.Api2Submit.SubmitAsync(submission, new[] { path }, default));

        Assert.Equal(id, error.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(error.RecommendedAction));
        Assert.Empty(t.Emulator.Requests);
        Assert.Equal(before, t.Emulator.TaskCount);
    }

    [Fact]
    public void Lengths_count_a_Chinese_character_as_2_up_to_the_limit()
    {
        var submission = Api2SubmitTests.Minimal(RbSceneSoftware.Maya);
        submission.Project = new string('项', 32);
        submission.Camera = new string('c', 64);
        submission.ToBody(new[] { RbSceneRules.Path(new string('场', 256)) });
        Assert.Equal("D/maya/zulu.mb", RbSceneRules.Path(@" D:\maya\zulu.mb "));
    }

    [Fact]
    public async Task A_REST_session_is_refused_with_Rb_NotInProtocol_naming_REST_s_way()
    {
        using var rest = await RbSession.ConnectAsync(t.Options(), default);
        t.Emulator.ClearRequests();
        var error = await Assert.ThrowsAsync<RbValidationException>(() => rest.Api2Submit.SubmitAsync(
            Api2SubmitTests.Minimal(RbSceneSoftware.Maya), new[] { "D/a.mb" }, default));
        Assert.Equal("Rb.NotInProtocol", error.ErrorId);
        Assert.Contains("Submit-RbTask", error.RecommendedAction);
        Assert.Empty(t.Emulator.Requests);
    }
}
