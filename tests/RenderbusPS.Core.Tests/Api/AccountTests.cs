using RenderbusPS.Emulator;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Tests;

/// <summary>Account and transfer operations against the emulator, and a login made exactly as the official client makes
/// it.</summary>
public class AccountTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 600, seed: 17);

    public void Dispose() => t.Dispose();

    private static string Plain(SecureString s)
    {
        var ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
        try { return Marshal.PtrToStringUni(ptr)!; }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
    }

    [Fact]
    public async Task Setting_the_task_timeout_is_read_back_in_seconds_and_hours_and_new_tasks_take_it()
    {
        var before = await new AccountApi(t.Client).GetSettingAsync(default);
        Assert.Equal(TimeSpan.FromDays(1), before.TaskTimeout);

        var after = await new AccountApi(t.Client).SetTaskTimeoutAsync(TimeSpan.FromHours(5.5), default);

        Assert.Equal(TimeSpan.FromSeconds(19800), after.TaskTimeout);
        Assert.Equal(19800L, after.Extra["taskOverTimeSec"]);
        Assert.Equal(6L, after.Extra["taskOverTime"]);
        var sent = t.Emulator.Requests.Where(r => r.Operation == "updateUserSetting").ToList();
        Assert.Single(sent);
        var created = (await new SubmitApi(t.Client).CreateAsync(new RbNewTaskSpec { Count = 2 }, default)).ToList();
        var fresh = await new TasksApi(t.Client).GetAsync(created.Select(c => c.Id), default);
        Assert.Equal(2, fresh.Count);
        Assert.All(fresh, x => Assert.Equal(TimeSpan.FromSeconds(19800), x.TimeoutStop));
    }

    [Fact]
    public async Task A_bad_task_timeout_is_refused_before_anything_is_sent()
    {
        var count = t.Emulator.RequestCount;
        var error = await Assert.ThrowsAsync<RbValidationException>(
            () => new AccountApi(t.Client).SetTaskTimeoutAsync(TimeSpan.FromMilliseconds(1500), default));
        Assert.Equal("Rb.InvalidTaskTimeout", error.ErrorId);
        await Assert.ThrowsAsync<RbValidationException>(
            () => new AccountApi(t.Client).SetTaskTimeoutAsync(TimeSpan.Zero, default));
        Assert.Equal(count, t.Emulator.RequestCount);
    }

    [Fact]
    public async Task Transfer_config_joins_the_bids_and_the_engines_and_keeps_passwords_secret()
    {
        var config = await new TransferApi(t.Client).GetConfigAsync(default);

        Assert.False(string.IsNullOrEmpty(config.InputBid));
        Assert.NotEqual(config.InputBid, config.OutputBid);
        Assert.False(string.IsNullOrEmpty(config.ConfigBid));
        Assert.Single(config.SubUserOutputBids);
        Assert.True(config.SubUserOutputBids[0].UserId > 0);
        Assert.Equal(new[] { "trtt", "RaySync", "Aspera" }, config.Engines.Select(e => e.Name));
        Assert.Equal("RaySync", config.DefaultEngine!.Name);
        Assert.Equal(2, config.DefaultEngine.Lines.Count);
        Assert.Equal(10200, config.DefaultEngine.Lines[0].Port);
        Assert.Equal(121L, config.DefaultEngine.Lines[0].LineId);
        var account = config.Engines.Single(e => e.Name == "Aspera").Accounts.Single();
        var password = Plain(account.Password!);
        Assert.True(password.Length >= 20);
        foreach (
            var text in new[] { config.ToString(), account.ToString(), JsonSerializer.Serialize(config.Extra),
            JsonSerializer.Serialize(config.Engines.Select(e => e.Extra)) })
            Assert.DoesNotContain(password, text);
        Assert.Equal(new[] { "getBid", "getConfig" }, t.Emulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task Transfer_server_sends_the_session_zone_and_a_wrong_zone_is_refused_by_a_strict_emulator()
    {
        var server = await new TransferApi(t.Client).GetServerAsync(default);
        Assert.Equal("127.0.0.1", server.ServerIp);
        Assert.Equal(t.Emulator.Zone == 1 ? 2442 : 2542, server.Port);
        Assert.Equal("3.2.8.2", server.ClientVersion);

        // a zone-guessing client is answered for the emulator's own zone, as queryPlatforms answers it
        using var other = t.NewClient(o => o.Zone = t.Emulator.Zone == 1 ? 2 : 1);
        Assert.Equal(server.Port, (await new TransferApi(other).GetServerAsync(default)).Port);

        using var strict = RbEmulator.Start(new RbEmulatorOptions { TaskCount = 1, Speed = 0, StrictZone = true });
        using var wrong = new RbClient(
            new RbClientOptions { Domain = strict.Domain, Platform = strict.Platform, Zone = strict.Zone == 1 ? 2 : 1,
            Credential = new RbCredential(strict.AccessId, strict.AccessKey) });
        var error = await Assert.ThrowsAsync<RbApiException>(() => new TransferApi(wrong).GetServerAsync(default));
        Assert.Equal(RbCodes.UserAreaError, error.Code);
    }

    [Fact]
    public async Task RaySync_keys_are_SecureStrings_and_appear_in_no_text()
    {
        var key = await new TransferApi(t.Client).GetRaySyncKeyAsync(default);
        var raySync = Plain(key.RaySyncUserKey!);
        var user = Plain(key.UserKey!);
        Assert.Equal(40, raySync.Length);
        Assert.Equal(32, user.Length);
        Assert.Equal("rb_emulator_17", key.UserName);
        Assert.False(key.Extra.ContainsKey("raySyncUserKey"));
        Assert.False(key.Extra.ContainsKey("userKey"));
        var texts = new[] { key.ToString(), JsonSerializer.Serialize(key.Extra), JsonSerializer.Serialize(key) };
        foreach (var text in texts)
        {
            Assert.DoesNotContain(raySync, text);
            Assert.DoesNotContain(user, text);
        }
        // another emulator (another seed) has other keys
        using var t2 = new TestEmulator(taskCount: 1, seed: 18);
        Assert.NotEqual(raySync, Plain((await new TransferApi(t2.Client).GetRaySyncKeyAsync(default)).RaySyncUserKey!));
    }

    [Fact]
    public async Task Hardware_configs_mark_the_task_current_and_send_cloneTask_as_the_string_false()
    {
        var task = (await new TasksApi(t.Client).List(new RbTaskQuery { First = 1 }).ReadAllAsync(default)).Single();
        var all = await new TasksApi(t.Client).GetHardwareConfigsAsync(null, default);
        Assert.True(all.Count >= 5);
        Assert.DoesNotContain(all, c => c.Current);
        var forTask = await new TasksApi(t.Client).GetHardwareConfigsAsync(task.Id, default);
        Assert.Single(forTask, c => c.Current);
        Assert.Contains(all, c => c.Model == "1080Ti" && c.UnsupportedSoftwareIds.Contains(2000));
    }

    [Fact]
    public async Task Pack_nodes_are_listed()
    {
        var nodes = await new AccountApi(t.Client).GetPackNodesAsync(default);
        Assert.Equal(new long[] { 809, 811 }, nodes.Select(n => n.PackNodeId));
        Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty(n.Name)));
    }

    [Fact]
    public async Task The_operation_log_records_task_actions_with_aliases_across_pages_newest_first()
    {
        var tasks = new TasksApi(t.Client);
        var rendering = await tasks.List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting } }).ReadAllAsync(default);
        Assert.True(rendering.Count > 50);
        var ids = rendering.Select(x => x.Id).Take(40).ToList();
        // one request per id: 40 stop records, then 40 start records
        foreach (var id in ids) await tasks.StopAsync(new[] { id }, default);
        foreach (var id in ids) await tasks.StartAsync(new[] { id }, default);
        await tasks.StopAsync(ids, default);

        var log = await new AccountApi(t.Client).OperationLog(new RbLogQuery { PageSize = 7 }).ReadAllAsync(default);

        Assert.Equal(81, log.Count);
        Assert.True(t.Emulator.Requests.Count(r => r.Operation == "taskRecord") >= 12);
        Assert.Equal("btn_stop", log[0].Action);
        Assert.Equal(ids.Count, log[0].TaskAliases.Count);
        Assert.Equal(rendering.First(x => x.Id == ids[0]).Alias, log[0].TaskAliases[0]);
        Assert.Equal(40, log.Count(x => x.Action == "btn_start"));
        Assert.All(log.Skip(1).Take(40), x => Assert.Equal("btn_start", x.Action));
        Assert.All(log, x => Assert.Equal("rb_emulator_17", x.UserName));
        Assert.All(log, x => Assert.True(x.Time > DateTimeOffset.UtcNow.AddMinutes(-5)));

        // a window before anything happened is empty; -After later than -Before is refused unsent
        var empty = await new AccountApi(t.Client).OperationLog(
            new RbLogQuery { Before = DateTimeOffset.UtcNow.AddDays(-2) }).ReadAllAsync(default);
        Assert.Empty(empty);
        var count = t.Emulator.RequestCount;
        var error = Assert.Throws<RbValidationException>(
            () => new AccountApi(t.Client).OperationLog(
            new RbLogQuery { After = DateTimeOffset.UtcNow, Before = DateTimeOffset.UtcNow.AddDays(-1) }));
        Assert.Equal("Rb.InvalidLogTimeRange", error.ErrorId);
        Assert.Equal(count, t.Emulator.RequestCount);
    }

    [Fact]
    public async Task The_log_window_is_sent_in_the_service_time_and_bounds_what_comes_back()
    {
        var task = (
            await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering }, First = 1 })
            .ReadAllAsync(default)).Single();
        await new TasksApi(t.Client).StopAsync(new[] { task.Id }, default);
        var now = t.Emulator.Now;
        var api = new AccountApi(t.Client);

        // a window of two minutes around the stop holds it; one that ends a minute before it (8 hours off if the zone
        // were wrong) does not
        var inside = await api.OperationLog(new RbLogQuery { After = now.AddMinutes(-1), Before = now.AddMinutes(1) })
            .ReadAllAsync(default);
        Assert.Equal(task.Alias, Assert.Single(inside).TaskAliases.Single());
        var before = await api.OperationLog(new RbLogQuery { After = now.AddHours(-9), Before = now.AddMinutes(-1) })
            .ReadAllAsync(default);
        Assert.Empty(before);
        var after = await api.OperationLog(new RbLogQuery { After = now.AddMinutes(1), Before = now.AddHours(9) })
            .ReadAllAsync(default);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Each_profile_call_is_a_login_and_the_login_log_pages_through_them()
    {
        for (var i = 0; i < 23; i++) await new AccountApi(t.Client).GetUserAsync(default);

        var logins = await new AccountApi(t.Client).LoginLog(new RbLogQuery { PageSize = 5 }).ReadAllAsync(default);

        Assert.Equal(23, logins.Count);
        Assert.All(logins, l => Assert.True(l.Succeeded));
        Assert.All(logins, l => Assert.Equal("127.0.0.1", l.Ip));
        Assert.Equal(Enumerable.Range(1, 23).Reverse().Select(i => (long?)i), logins.Select(l => l.RecordId));
        Assert.All(logins, l => Assert.True(l.LoginTime > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public void Login_records_read_both_documented_forms()
    {
        using var table = JsonDocument.Parse(
            """{"id":"3","userId":"100200997","userName":"a","loginStatus":200,"loginStaDesc":"ok","loginTime":"2024-09-01 00:00:00","loginIp":"10.0.0.1"}""");
        using var example = JsonDocument.Parse(
            """{"id":3,"userId":100200997,"userName":"a","loginStatus":"804","loginStaDesc":"disabled","ip":"127.0.0.1","loginTime":1725120000000,"moduleType":"x"}""");
        var a = RbWire.Read<RbLoginRecord>(table.RootElement);
        var b = RbWire.Read<RbLoginRecord>(example.RootElement);
        Assert.Equal(200, a.Status);
        Assert.True(a.Succeeded);
        Assert.Equal(804, b.Status);
        Assert.False(b.Succeeded);
        Assert.Equal("10.0.0.1", a.Ip);
        Assert.Equal("127.0.0.1", b.Ip);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1725120000000), a.LoginTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1725120000000), b.LoginTime);
        Assert.Equal(3L, a.RecordId);
        Assert.False(b.Extra.ContainsKey("ip"));
        Assert.Equal("x", b.Extra["moduleType"]);
    }

    // ---- a login made the way the official Python client (rayvision_api) makes it ----

    private static readonly HttpClient Http = new();

    private static int nonceCounter;

    /// <summary>One call as rayvision_api sends it: its header set, body "{}" signed as an empty object, languageFlag
    /// unsigned.</summary>
    private async Task<JsonElement> OfficialCall(string path)
    {
        var host = new Uri(t.Emulator.Domain).Authority;
        var nonce = (100000 + (Environment.TickCount + Interlocked.Increment(ref nonceCounter) * 7919) % 900000)
            .ToString(CultureInfo.InvariantCulture);
        Assert.Matches("^[0-9]{6}$", nonce);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("accessId", t.Emulator.AccessId),
            new("channel", "4"),
            new("platform", t.Emulator.Platform.ToString(CultureInfo.InvariantCulture)),
            new("UTCTimestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("nonce", nonce),
            new("version", "2.0.0"),
        };
        const string body = "{}";
        using var doc = JsonDocument.Parse(body);
        // signed by the official client's rule, written out here rather than through RbSigner (the code under test):
        // the signed headers (the body "{}" adds nothing) sorted by code point, key=value joined with &,
        // "[POST]host:path&" in front, HMAC-SHA256 with the key, Base64
        var joined = string.Join(
            "&", headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + "=" + h.Value));
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(t.KeyText()));
        var signature = Convert.ToBase64String(
            hmac.ComputeHash(Encoding.UTF8.GetBytes($"[POST]{host}:{path}&{joined}")));
        Assert.Equal(
            RbSigner.ComputeSignature(
            Encoding.UTF8.GetBytes(t.KeyText()), RbSigner.SignString(host, path, headers, doc.RootElement)), signature);
        using var request = new HttpRequestMessage(HttpMethod.Post, t.Emulator.Domain + path);
        foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        request.Headers.TryAddWithoutValidation("signature", signature);
        request.Headers.TryAddWithoutValidation("languageFlag", "1");
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        Assert.True(root.GetProperty("code").GetInt32() == 200, path + ": " + root.GetRawText());
        Assert.True(root.GetProperty("result").GetBoolean());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("serverTime").ValueKind);
        return root.GetProperty("data").Clone();
    }

    private static void Kind(JsonElement data, string name, params JsonValueKind[] kinds)
    {
        Assert.True(data.TryGetProperty(name, out var v), name + " is missing");
        Assert.True(kinds.Contains(v.ValueKind), $"{name} is {v.ValueKind}, not {string.Join("/", kinds)}");
    }

    [Fact]
    public async Task A_client_that_logs_in_as_the_official_one_does_succeeds_with_the_documented_shapes()
    {
        var profile = await OfficialCall("/api/render/setUp/queryUserProfile");
        Kind(profile, "userId", JsonValueKind.Number);
        Kind(profile, "userName", JsonValueKind.String);
        Kind(profile, "platform", JsonValueKind.Number);
        Kind(profile, "zone", JsonValueKind.Number);
        Kind(profile, "rmbbalance", JsonValueKind.Number);
        Kind(profile, "usdbalance", JsonValueKind.Number);
        Kind(profile, "coupon", JsonValueKind.Number);
        Kind(profile, "pictureLever", JsonValueKind.Null);

        var setting = await OfficialCall("/api/render/setUp/queryUserSetting");
        Kind(setting, "taskOverTime", JsonValueKind.Number);
        Kind(setting, "taskOverTimeSec", JsonValueKind.Number);
        Kind(setting, "singleNodeRenderFrames", JsonValueKind.String);
        Kind(setting, "maxIgnoreMapFlag", JsonValueKind.String);
        Kind(setting, "autoCommit", JsonValueKind.String);
        Kind(setting, "shareMainCapital", JsonValueKind.Number);
        Kind(setting, "downloadDisable", JsonValueKind.Number);
        Kind(setting, "infoStatus", JsonValueKind.Null, JsonValueKind.Number);

        var bid = await OfficialCall("/api/render/transfer/getBid");
        foreach (
            var name in new[] { "config_bid", "input_bid", "output_bid", "parent_input_bid" }) Kind(bid, name,
            JsonValueKind.String);
        Kind(bid, "sub_user_output_bids", JsonValueKind.Array);
        var sub = bid.GetProperty("sub_user_output_bids")[0];
        Kind(sub, "userId", JsonValueKind.String);
        Kind(sub, "outputBid", JsonValueKind.String);

        Assert.Equal(
            new[] { "queryUserProfile", "queryUserSetting", "getBid" }, t.Emulator.Requests.Select(r => r.Operation));
        // the login counts in the login log
        var logins = await new AccountApi(t.Client).LoginLog(null).ReadAllAsync(default);
        Assert.Single(logins);
    }
}
