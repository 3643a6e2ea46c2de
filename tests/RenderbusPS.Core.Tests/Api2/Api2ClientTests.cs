using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>Core's API 2.0 protocol and session against the emulator, through the transport REST uses.</summary>
public class Api2ClientTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 90);

    public void Dispose() => t.Dispose();

    private RbClientOptions Options(Action<RbClientOptions>? tweak = null) => t.Options(o =>
    {
        o.Protocol = RbApiProtocol.Api2;
        o.Credential = new RbCredential(t.Emulator.Account, t.Emulator.AccessKey);
        tweak?.Invoke(o);
    });

    private Task<RbSession> ConnectAsync(Action<RbClientOptions>? tweak = null)
        => RbSession.ConnectAsync(Options(tweak), default);

    [Theory]
    [InlineData("/api/v2/task/")]
    [InlineData("/api/v1/task")]
    public async Task Connect_proves_the_account_with_query_customer_on_either_path(string path)
    {
        using var session = await ConnectAsync(o => o.Api2Path = path);
        Assert.Equal(RbApiProtocol.Api2, session.Protocol);
        Assert.Equal(t.Emulator.Account, session.UserName);
        Assert.Equal(path, session.Api2Path);
        Assert.Contains("API 2.0", session.ToString());
        var sent = Assert.Single(t.Emulator.Requests);
        Assert.Equal(("query_customer", path, 200), (sent.Operation, sent.Path, sent.Code));
        var users = await session.Api2Account.ListUsersAsync(null, default);
        Assert.Equal(new int?[] { 1, 2, 2 }, users.Select(u => u.AccountType));
        Assert.All(users, u => Assert.True(u.Extra.ContainsKey("register_date")));
    }

    [Fact]
    public async Task A_refused_key_or_account_is_a_clear_error_that_never_holds_the_key()
    {
        var key = t.KeyText();
        var lines = new List<string>();
        RbTrace.Sink = lines.Add;
        var wrongKey = await Assert.ThrowsAsync<RbApiException>(() => ConnectAsync(o =>
            o.Credential = new RbCredential(t.Emulator.Account, RbCredential.ToSecureString(key.Substring(1) + "x"))));
        Assert.Equal(("AccessKeyRefused", 1010), (wrongKey.CodeName, wrongKey.Code));
        var wrongAccount = await Assert.ThrowsAsync<RbApiException>(() => ConnectAsync(o =>
            o.Credential = new RbCredential("wupeng", t.Emulator.AccessKey)));
        Assert.Equal("AccountNotFound", wrongAccount.CodeName);
        t.Emulator.AccountDisabled = true;
        var disabled = await Assert.ThrowsAsync<RbApiException>(() => ConnectAsync());
        Assert.Equal("AccountDisabled", disabled.CodeName);
        Assert.True(RbApi2Codes.RefusesCredential(disabled.Code));
        t.Emulator.AccountDisabled = false;
        using var session = await ConnectAsync();
        await session.Api2Tasks.List(new RbTaskQuery()).ReadAllAsync(default);
        RbTrace.Sink = null;
        Assert.DoesNotContain("\n", wrongKey.Message);
        Assert.Contains(lines, l => l.Contains("query_task"));
        var everything = string.Join("\n", lines) + wrongKey + wrongAccount + disabled + session
            + string.Join("\n", t.Emulator.Requests.Select(r => string.Join("|", r.Path, r.Operation, r.Code)));
        Assert.DoesNotContain(key.Substring(1, 20), everything);
    }

    [Fact]
    public async Task Query_task_lists_every_page_as_REST_lists_the_tasks()
    {
        var rest = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        using var session = await ConnectAsync();
        var pager = session.Api2Tasks.List(new RbTaskQuery { PageSize = 7 });
        var api2 = await pager.ReadAllAsync(default);
        Assert.Equal(rest.Select(x => x.Id), api2.Select(x => x.Id));
        Assert.Equal((rest.Count + 6) / 7, pager.PagesFetched);
        Assert.Equal(rest.Count, pager.Total);
        var byId = rest.ToDictionary(x => x.Id);
        foreach (var task in api2)
        {
            var same = byId[task.Id];
            Assert.True(task.StatusIsRead);
            Assert.Equal(RbApi2Words.WordOf(same.Status), task.Extra["task_status"]);
            Assert.Equal((same.SceneName, same.ProjectName, same.TotalFrames, same.DoneFrames, same.Software),
                (task.SceneName, task.ProjectName, task.TotalFrames, task.DoneFrames, task.Software));
            Assert.Equal(same.SubmittedAt!.Value.ToUnixTimeSeconds(), task.SubmittedAt!.Value.ToUnixTimeSeconds());
            Assert.Equal(same.Cost, task.Cost);
            Assert.Equal(same.Alias, task.Alias);
        }
    }

    [Fact]
    public async Task A_status_filter_is_sent_as_its_word_and_deleted_tasks_are_listed_apart()
    {
        var rest = await new TasksApi(t.Client).List(new RbTaskQuery
            { Status = new[] { RbTaskStatus.Waiting, RbTaskStatus.Rendering,
                RbTaskStatus.Updating } }).ReadAllAsync(default);
        using var session = await ConnectAsync();
        var start = await session.Api2Tasks.List(new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering },
            PageSize = 3 }).ReadAllAsync(default);
        Assert.NotEmpty(start);
        Assert.Equal(rest.Select(x => x.Id), start.Select(x => x.Id));
        var bin = await session.Api2Tasks.List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default);
        var restBin = await new TasksApi(t.Client).List(new RbTaskQuery { Deleted = true }).ReadAllAsync(default);
        Assert.NotEmpty(bin);
        Assert.Equal(restBin.Select(x => x.Id), bin.Select(x => x.Id));
        Assert.All(bin, x => Assert.True(x.IsDeleted));
        var two = new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Failed } };
        var mixed = (await session.Api2Tasks.List(two).ReadAllAsync(default)).Where(x => Api2TasksApi.HasStatus(two,
            x)).ToList();
        Assert.Contains(mixed, x => x.Status == RbTaskStatus.Failed);
        Assert.All(mixed, x => Assert.Contains(x.Status, two.Status));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task The_listing_is_whole_over_a_bad_network(int seed)
    {
        var rest = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        using var session = await ConnectAsync(o => { o.ThrottleLimit = 4; o.MaxRetries = 8; });
        var rates = t.Emulator.Faults.Rates;
        rates.Seed = seed;
        rates.Unavailable = 0.10;
        rates.Dropped = 0.05;
        rates.Html = 0.03;
        rates.Truncated = 0.03;
        var api2 = await session.Api2Tasks.List(new RbTaskQuery { PageSize = 5 }).ReadAllAsync(default);
        rates.Clear();
        Assert.Equal(rest.Select(x => x.Id), api2.Select(x => x.Id));
        Assert.True(t.Emulator.Requests.Count(r => r.Operation == "query_task") > (rest.Count + 4) / 5,
            "no fault was injected");
    }

    [Fact]
    public async Task A_seed_replays_the_same_weather_whatever_the_emulators_key()
    {
        // every emulator draws its own access key, which API 2.0 sends in each request's head
        using var other = new TestEmulator(taskCount: 90);
        var weather = new List<string>();
        foreach (var farm in new[] { t, other })
        {
            var options = farm.Options(o =>
            {
                o.Protocol = RbApiProtocol.Api2;
                o.Credential = new RbCredential(farm.Emulator.Account, farm.Emulator.AccessKey);
                o.ThrottleLimit = 1;
                o.MaxRetries = 8;
            });
            using var session = await RbSession.ConnectAsync(options, default);
            farm.Emulator.Faults.Rates.Seed = 11;
            farm.Emulator.Faults.Rates.Unavailable = 0.10;
            farm.Emulator.Faults.Rates.Html = 0.05;
            farm.Emulator.ClearRequests();
            await session.Api2Tasks.List(new RbTaskQuery { PageSize = 5 }).ReadAllAsync(default);
            farm.Emulator.Faults.Rates.Clear();
            weather.Add(string.Join(",", farm.Emulator.Requests.Select(r => $"{r.Operation}:{r.Code}")));
        }
        Assert.NotEqual(t.KeyText(), other.KeyText());
        Assert.Contains(weather[0].Split(','), w => w != "query_task:200" && w.StartsWith("query_task"));
        Assert.Equal(weather[0], weather[1]);
    }

    [Fact]
    public async Task Reads_are_sent_again_after_a_lost_answer_and_creates_are_not()
    {
        using var session = await ConnectAsync();
        var client = session.Client;
        t.Emulator.Faults.Add(new RbFault { Operation = "query_customer", Code = 500 });
        var users = await session.Api2Account.ListUsersAsync(null, default);
        Assert.Equal(3, users.Count);
        t.Emulator.Faults.Add(new RbFault { Operation = "create_task", Reset = true });
        t.Emulator.ClearRequests();
        var body = new RbBody().Add("project_name", "lookdev").Add("input_scene_path", "D/a.mb").Add("cg_soft_name",
            "maya 2020")
            .Add("frames", "1");
        var lost = await Assert.ThrowsAsync<RbOutcomeUnknownException>(()
            => client.SendAsync(RbApi2Catalog.CreateTask.Operation, body, default));
        Assert.Equal("create_task", lost.Operation);
        Assert.Single(t.Emulator.Requests);
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_task", Reset = true });
        t.Emulator.ClearRequests();
        var stop = new RbBody().Add("task_id", "1").Add("operate_order", "0");
        await client.SendAsync(RbApi2Catalog.OperateTask.Operation, stop, default);
        Assert.Equal(2, t.Emulator.Requests.Count);
        Assert.Equal(RbRepeat.NonIdempotentWrite, RbApi2Catalog.OperateTaskRestart.Repeat);
        Assert.All(RbApi2Catalog.All.Where(a => a.Name.StartsWith("create_")), a
            => Assert.Equal(RbRepeat.NonIdempotentWrite, a.Repeat));
        Assert.All(RbApi2Catalog.All.Where(a => a.Name.StartsWith("query_")), a => Assert.Equal(RbRepeat.Read,
            a.Repeat));
    }

    [Fact]
    public async Task A_call_of_the_other_protocol_is_refused_before_anything_is_sent()
    {
        using var session = await ConnectAsync();
        var before = t.Emulator.RequestCount;
        var rest = await Assert.ThrowsAsync<RbValidationException>(() => session.Tasks.StopAsync(new[] { 1L }, default)
            .ContinueWith(x => x.Result.Single().Error is Exception e ? throw e : x.Result));
        Assert.Equal("Rb.NotInProtocol", rest.ErrorId);
        Assert.Throws<RbValidationException>(() => session.Client.CheckSendable(RbCatalog.GetTaskList, null));
        var api2OnRest = await Assert.ThrowsAsync<RbValidationException>(() =>
            t.Client.SendAsync(RbApi2Catalog.QueryTask.Operation, new RbBody(), default));
        Assert.Equal("Rb.NotInProtocol", api2OnRest.ErrorId);
        Assert.Equal(before, t.Emulator.RequestCount);
    }

    [Fact]
    public void The_documents_answer_reads_into_a_task_and_a_refusal_into_its_code()
    {
        var page = Read(Api2Fixtures.QueryTaskAnswer, r => Api2TasksApi.ReadPage(r.Data, 1, false));
        var task = Assert.Single(page.Items);
        Assert.Equal(5101184, task.Id);
        Assert.Equal(RbTaskStatus.Rendering, task.Status);
        Assert.Equal((23, 7, 3, 2.58m, "Maya", "Ep045_SC008__v001.ma"),
            (task.TotalFrames, task.DoneFrames, task.ExecutingFrames, task.Cost, task.Software, task.SceneName));
        Assert.Equal(DateTimeOffset.Parse("2016-10-11T14:26:03+08:00"), task.SubmittedAt);
        Assert.Equal("RMB:2.58", task.Extra["fee"]);
        Assert.True(task.Extra.ContainsKey("jobs"));
        var refusal = Assert.Throws<RbApiException>(()
            => Read("{\"body\":{},\"head\":{\"result\":\"1\",\"error_code\":1023,"
            + "\"error_message\":\"parameter length exceed scope\"}}", r => 0));
        Assert.Equal(("FieldTooLong", "parameter length exceed scope"), (refusal.CodeName, refusal.ApiMessage));
        var notEnvelope = Assert.Throws<RbProtocolException>(() => Read("{\"code\":200,\"data\":{}}", r => 0));
        Assert.True(notEnvelope.NotEnvelope);
    }

    private static T Read<T>(string json, Func<RbResponse, T> read)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(rented, 0);
        var response = RbApi2Envelope.Read(rented, bytes.Length, "/api/v2/task/", null);
        try { return read(response); }
        finally { response.Release(); }
    }
}
