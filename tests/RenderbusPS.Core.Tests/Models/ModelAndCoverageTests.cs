using RenderbusPS.Core.Api;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

public class ModelTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Unknown_status_codes_keep_their_number_and_unknown_fields_are_kept()
    {
        var task = RbWire.Read<RbTask>(Json("""
            {"id":"19097","taskAlias":"2W19097","taskStatus":77,"sceneName":"a.mb","renderConsume":"1.57","submitDate":1535602289000,
             "isDelete":1,"brandNewField":{"x":[1,2]},"respRenderingTaskList":[{"id":19098,"taskStatus":5,"layerParentId":19097}]}
            """));
        Assert.Equal(19097, task.Id);
        Assert.Equal(77, (int)task.Status);
        Assert.Equal("77", task.Status.ToString());
        Assert.Equal(1.57m, task.Cost);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1535602289000), task.SubmittedAt);
        Assert.False(task.IsDeleted);
        Assert.Null(task.ParentId);
        var extra = Assert.IsType<Dictionary<string, object?>>(task.Extra["brandNewField"]);
        Assert.Equal(new object[] { 1L, 2L }, (object[])extra["x"]!);
        Assert.Equal(RbTaskStatus.Rendering, Assert.Single(task.SubTasks).Status);
        Assert.Equal(19097, task.SubTasks[0].ParentId);

        var frame = RbWire.Read<RbFrame>(Json("""
            {"id":1,"taskId":19098,"frameStatus":99,"frameType":42,"feeAmount":0.44,"frameExecuteTime":489,
             "newThing":"kept"}
            """));
        Assert.Equal("99", frame.Status.ToString());
        Assert.Equal("42", frame.Type.ToString());
        Assert.Equal(TimeSpan.FromSeconds(489), frame.Duration);
        Assert.Equal("kept", frame.Extra["newThing"]);
    }

    [Fact]
    public void Every_documented_status_has_a_name()
    {
        int[] taskCodes = { 0, 5, 8, 10, 15, 20, 23, 25, 30, 35, 40, 45, 50, 60, 65, 70, 100 };
        Assert.Equal(taskCodes, Enum.GetValues<RbTaskStatus>().Select(s => (int)s));
        Assert.Equal(Enumerable.Range(1, 12), Enum.GetValues<RbFrameStatus>().Select(s => (int)s));
        Assert.Equal(Enumerable.Range(1, 9), Enum.GetValues<RbFrameType>().Select(s => (int)s));
    }

    [Fact]
    public void Nulls_and_missing_fields_read_as_empty_not_as_errors()
    {
        var task = RbWire.Read<RbTask>(Json("""{"id":5,"doneFrames":null,"renderConsume":null,"completedDate":0}"""));
        Assert.Equal(0, task.DoneFrames);
        Assert.Equal(0m, task.Cost);
        Assert.Null(task.CompletedAt);
        Assert.Empty(task.SubTasks);
    }
}

/// <summary>
/// Walks the whole catalog against the emulator: every operation it serves answers something other than "no API"
/// (400), and every other one answers exactly that, so a missing route and a missing task can never be mistaken.
/// The served set comes from the emulator itself.
/// </summary>
public class CatalogCoverageTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 5);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task Every_served_operation_answers_and_every_other_one_answers_no_API()
    {
        var served = t.Emulator.ServedOperations;
        Assert.NotEmpty(served);
        Assert.All(served, op => Assert.Contains(op, RbCatalog.All));
        foreach (var op in RbCatalog.All)
        {
            int code;
            string message = "";
            try
            {
                await t.Client.SendAsync(op, new RbBody(), default);
                code = 200;
            }
            catch (RbApiException ex)
            {
                code = ex.Code;
                message = ex.ApiMessage;
            }
            if (served.Contains(op)) Assert.True(code != 400, $"{op.Name} is served but answered 400: {message}");
            else
            {
                Assert.True(code == 400, $"{op.Name} answered {code}, not 400");
                Assert.Contains("No API at " + op.Path, message);
            }
        }
    }

    [Fact]
    public async Task Every_served_operation_with_a_v1_path_answers_a_v1_client_there_and_every_other_one_is_refused()
    {
        using var v1 = t.NewClient(o => o.PathSet = RbPathSet.V1);
        var served = t.Emulator.ServedOperations;
        foreach (var op in RbCatalog.All)
        {
            t.Emulator.ClearRequests();
            if (op.V1Path == null)
            {
                // the client refuses before sending: the operation is not in the v1 path set
                var refused = await Assert.ThrowsAsync<RbValidationException>(
                    () => v1.SendAsync(op, new RbBody(), default));
                Assert.Equal("Rb.NotInPathSet", refused.ErrorId);
                Assert.Contains("V1 path set", refused.Message);
                Assert.Empty(t.Emulator.Requests);
                continue;
            }
            int code;
            string message = "";
            try
            {
                await v1.SendAsync(op, new RbBody(), default);
                code = 200;
            }
            catch (RbApiException ex)
            {
                code = ex.Code;
                message = ex.ApiMessage;
            }
            Assert.All(t.Emulator.Requests, r => Assert.Equal(op.V1Path, r.Path));
            if (served.Contains(op))
            {
                Assert.True(code != 400, $"{op.Name} is served but answered 400 on its v1 path {op.V1Path}: {message}");
                Assert.Contains(op.V1Path, t.Emulator.ServedPaths);
            }
            else
            {
                Assert.True(code == 400, $"{op.Name} answered {code} on {op.V1Path}, not 400");
                Assert.Contains("No API at " + op.V1Path, message);
            }
        }
    }

    [Fact]
    public void Every_operation_of_the_catalog_has_a_Core_method_and_an_emulator_route_on_both_path_sets()
    {
        var named = typeof(RbClient).Assembly.GetTypes()
            .SelectMany(
                type => type.GetMethods(
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .SelectMany(
                m => m.GetCustomAttributes(typeof(RbSendsAttribute), false).Cast<RbSendsAttribute>()
                .SelectMany(a => a.Operations))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(named.Where(n => RbCatalog.FindByName(n) == null).Select(n => n + " is not in the catalog"));
        // the whole catalog: every area, every operation
        var wanted = RbCatalog.All;
        Assert.Equal(
            new[] { "Account", "Frames", "Projects", "Software", "Submit", "Tasks", "Transfer" },
            wanted.Select(op => op.Area).Distinct().OrderBy(a => a, StringComparer.Ordinal));
        Assert.Empty(wanted.Where(op => !named.Contains(op.Name)).Select(op => op.Name + " has no Core method"));
        Assert.Empty(
            wanted.Where(op => !t.Emulator.ServedOperations.Contains(op)).Select(
            op => op.Name + " has no emulator route"));
        // both path sets: an operation with a v1 path is routed there too, and the one table of v1 body differences
        // describes it
        Assert.Empty(
            wanted.Where(op => op.V1Path != null && !t.Emulator.ServedPaths.Contains(op.V1Path)).Select(
            op => op.Name + " has no emulator route on " + op.V1Path));
        Assert.Empty(
            wanted.Where(op => op.V1Path != null && !RbV1Bodies.Described.Contains(op))
            .Select(op => op.Name + " is not in RbV1Bodies"));
    }
}
