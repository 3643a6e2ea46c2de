using System.Collections;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>Raw API 2.0 actions (Invoke-RbApi -Action) through Core: checked before sending, retried by the action's
/// repeat class, and the key in no trace or answer.</summary>
public class Api2RawTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 30, seed: 9);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 6), default);

    [Fact]
    public async Task Posts_an_action_raw_and_gives_back_its_body_as_plain_values()
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var request = session.Raw.PrepareAction("query_customer", new Hashtable());
        Assert.False(request.IsWrite);
        Assert.Equal("/api/v2/task/", request.Path);
        var body = Assert.IsAssignableFrom<IDictionary<string, object?>>(await session.Raw.InvokeAsync(request,
            default));
        Assert.Equal("3", body["total_size"]);
        var users = Assert.IsType<object?[]>(body["data"]);
        Assert.Equal(t.Emulator.Account, ((IDictionary<string, object?>)users[0]!)["login_name"]);
        var sent = Assert.Single(t.Emulator.Requests);
        Assert.Equal(("query_customer", 200), (sent.Operation, sent.Code));
    }

    [Fact]
    public async Task An_unknown_action_a_REST_path_on_API2_and_an_action_on_REST_are_refused_before_sending()
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var unknown = Assert.Throws<RbValidationException>(() => session.Raw.PrepareAction("query_tasks", null));
        Assert.Equal("Rb.UnknownApiAction", unknown.ErrorId);
        Assert.Contains("'query_tasks' is not an API 2.0 action; the actions are create_task, query_task,",
            unknown.Message);
        var wrongCase = Assert.Throws<RbValidationException>(() => session.Raw.PrepareAction("Query_Task", null));
        Assert.Equal("Rb.UnknownApiAction", wrongCase.ErrorId);
        var path = Assert.Throws<RbValidationException>(() => session.Raw.Prepare(
            "/api/render/handle/queryAllFrameStats", null));
        Assert.Equal("Rb.NotInProtocol", path.ErrorId);
        Assert.Contains("-Action", path.RecommendedAction);
        var onRest = Assert.Throws<RbValidationException>(() => new RawApi(t.Client).PrepareAction("query_task",
            null));
        Assert.Equal("Rb.NotInProtocol", onRest.ErrorId);
        var badBody = Assert.Throws<RbValidationException>(() => session.Raw.PrepareAction("query_task",
            new Hashtable { ["is_paging"] = true }));
        Assert.Equal("Rb.InvalidApiBody", badBody.ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public async Task Each_action_is_retried_by_its_repeat_class()
    {
        using var session = await ConnectAsync();
        var raw = session.Raw;
        Assert.Equal(RbRepeat.NonIdempotentWrite, raw.PrepareAction("operate_task",
            new Hashtable { ["task_id"] = "1", ["operate_order"] = 1 }).Operation.Repeat);
        Assert.Equal(RbRepeat.NonIdempotentWrite, raw.PrepareAction("operate_project",
            new Hashtable { ["operate_type"] = "0" }).Operation.Repeat);
        Assert.Equal(RbRepeat.IdempotentWrite, raw.PrepareAction("operate_task",
            new Hashtable { ["task_id"] = "1", ["operate_order"] = "0" }).Operation.Repeat);
        Assert.Equal(RbRepeat.NonIdempotentWrite, raw.PrepareAction("create_blender_task", null).Operation.Repeat);

        // a read goes again after a 503, a dropped connection and an HTML page
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "query_task", HttpStatus = 503 });
        t.Emulator.Faults.Add(new RbFault { Operation = "query_task", After = 1, Reset = true });
        t.Emulator.Faults.Add(new RbFault { Operation = "query_task", After = 2, Garble = true });
        var page = (IDictionary<string, object?>)(await raw.InvokeAsync(raw.PrepareAction("query_task",
            new Hashtable { ["is_paging"] = "1", ["page_no"] = "1", ["page_size"] = "10" }), default))!;
        Assert.Equal(10, ((object?[])page["data"]!).Length);
        Assert.Equal(4, t.Emulator.Requests.Count);

        // restarting frames after a lost answer is not sent again: the outcome is unknown
        var id = FirstId(page).ToString(System.Globalization.CultureInfo.InvariantCulture);
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        var restart = raw.PrepareAction("operate_task", new Hashtable
            { ["task_id"] = id, ["operate_order"] = "1", ["restart_type"] = "2" });
        var lost = await Assert.ThrowsAsync<RbOutcomeUnknownException>(() => raw.InvokeAsync(restart, default));
        Assert.Equal("operate_task", lost.Operation);
        Assert.Single(t.Emulator.Requests);

        // stopping after a lost answer is: it acts as once
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", LoseAnswer = true });
        var stop = raw.PrepareAction("operate_task", new Hashtable
            { ["task_id"] = id, ["operate_order"] = "0" });
        await raw.InvokeAsync(stop, default);
        Assert.Equal(2, t.Emulator.Requests.Count);
    }

    private static long FirstId(IDictionary<string, object?> page)
        => long.Parse((string)((IDictionary<string, object?>)((object?[])page["data"]!)[0]!)["task_id"]!);

    [Fact]
    public async Task The_key_is_in_no_trace_request_log_or_answer()
    {
        var key = t.KeyText();
        var lines = new List<string>();
        RbTrace.Sink = lines.Add;
        try
        {
            using var session = await ConnectAsync();
            var raw = session.Raw;
            var request = raw.PrepareAction("query_customer", new Hashtable { ["login_name"] = t.Emulator.Account });
            var answer = await raw.InvokeAsync(request, default);
            var refused = await Assert.ThrowsAsync<RbApiException>(() => raw.InvokeAsync(raw.PrepareAction(
                "operate_task", new Hashtable { ["task_id"] = "" }), default));
            Assert.Equal("FieldEmpty", refused.CodeName);
            var text = string.Join("\n", lines) + request + Flatten(answer) + refused + refused.ApiMessage
                + string.Join("\n", t.Emulator.Requests.Select(r => r.ToString()));
            Assert.NotEmpty(lines);
            Assert.DoesNotContain(key, text);
        }
        finally
        {
            RbTrace.Sink = null;
        }
    }

    private static string Flatten(object? value) => value switch
    {
        IDictionary<string, object?> map => string.Join(",", map.Select(kv => kv.Key + "=" + Flatten(kv.Value))),
        object?[] list => string.Join(",", list.Select(Flatten)),
        _ => value?.ToString() ?? "",
    };
}
