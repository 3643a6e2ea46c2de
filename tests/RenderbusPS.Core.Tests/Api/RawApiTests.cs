using System.Collections;
using System.Collections.Specialized;
using System.Net;
using System.Net.Http.Headers;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Core.Tests;

/// <summary>Invoke-RbApi's Core: any path signed and sent with the session, bodies as the official client sends
/// them.</summary>
public class RawApiTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 60);

    public void Dispose() => t.Dispose();

    private static Hashtable H(params (string Key, object? Value)[] fields)
    {
        var h = new Hashtable();
        foreach (var (k, v) in fields) h[k] = v;
        return h;
    }

    private async Task<RbTask> ATaskIn(RbTaskStatus status)
        => (await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { status } }).ReadAllAsync(default))
            .First();

    [Fact]
    public async Task A_read_returns_data_as_plain_values_and_asks_for_nothing()
    {
        var task = await ATaskIn(RbTaskStatus.Rendering);
        var raw = new RawApi(t.Client);
        var request = raw.Prepare(RbCatalog.QueryTaskInfo.Path, H(("taskIds", new object[] { task.Id })));
        Assert.False(request.IsWrite);
        Assert.True(request.IsListed);
        var data = Assert.IsAssignableFrom<IDictionary<string, object?>>(await raw.InvokeAsync(request, default));
        var items = Assert.IsType<object?[]>(data["items"]);
        var item = Assert.IsAssignableFrom<IDictionary<string, object?>>(Assert.Single(items));
        Assert.Equal(task.Id, item["id"]);
        Assert.Equal(5L, item["taskStatus"]);
    }

    [Fact]
    public async Task A_write_changes_state_and_is_marked_as_a_write()
    {
        var task = await ATaskIn(RbTaskStatus.Rendering);
        var raw = new RawApi(t.Client);
        var request = raw.Prepare(RbCatalog.StopTask.Path, H(("taskIds", new[] { task.Id })));
        Assert.True(request.IsWrite);
        await raw.InvokeAsync(request, default);
        var after = Assert.Single(await new TasksApi(t.Client).GetAsync(new[] { task.Id }, default));
        Assert.NotEqual(RbTaskStatus.Rendering, after.Status);
        Assert.Equal(RbTaskStatus.Stopped, after.Status);
    }

    [Fact]
    public async Task A_path_of_the_other_path_set_is_sent_as_the_sessions_path_set_names_it()
    {
        var raw = new RawApi(t.Client);
        var request = raw.Prepare(RbCatalog.GetTaskList.V1Path!, H(("pageNum", 1), ("pageSize", 5)));
        Assert.Equal(RbCatalog.GetTaskList.Path, request.Path);
        t.Emulator.ClearRequests();
        var data = Assert.IsAssignableFrom<IDictionary<string, object?>>(await raw.InvokeAsync(request, default));
        Assert.Equal(5, Assert.IsType<object?[]>(data["items"]).Length);
        Assert.Equal(RbCatalog.GetTaskList.Path, Assert.Single(t.Emulator.Requests).Path);
        var all = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.True(all.Count > 5);
        Assert.Equal((long)all.Count, data["total"]);
    }

    [Fact]
    public async Task On_a_v1_session_the_raw_answer_is_what_the_service_sent_with_no_v1_translation()
    {
        using var v1 = t.NewClient(o => o.PathSet = RbPathSet.V1);
        var raw = new RawApi(v1);
        var request = raw.Prepare(RbCatalog.QueryUserSetting.Path, null);
        Assert.Equal(RbCatalog.QueryUserSetting.V1Path, request.Path);
        var data = Assert.IsAssignableFrom<IDictionary<string, object?>>(await raw.InvokeAsync(request, default));
        // the v1 answer has the time-out in hours only; the typed Core method adds seconds, the raw call must not
        Assert.True(data.ContainsKey("taskOverTime"));
        Assert.False(data.ContainsKey("taskOverTimeSec"));
        Assert.NotNull((await new AccountApi(v1).GetSettingAsync(default)).TaskTimeout);
    }

    [Fact]
    public void A_field_no_model_names_that_looks_like_a_secret_is_kept_only_as_a_SecureString()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(
            "{\"id\": 7, \"raysyncUserKey\": \"s3cr3t-one\", \"ftpPassword\": \"s3cr3t-two\", \"note\": \"plain\"}");
        var task = Models.RbWire.Read<Models.RbTask>(doc.RootElement);
        Assert.IsType<System.Security.SecureString>(task.Extra["raysyncUserKey"]);
        Assert.IsType<System.Security.SecureString>(task.Extra["ftpPassword"]);
        Assert.Equal("plain", task.Extra["note"]);
        var json = System.Text.Json.JsonSerializer.Serialize(
            task.Extra.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString()));
        Assert.DoesNotContain("s3cr3t", json);
    }

    [Fact]
    public async Task An_unknown_path_is_sent_as_is_treated_as_a_write_and_its_error_keeps_the_code()
    {
        var raw = new RawApi(t.Client);
        var request = raw.Prepare("/api/render/nothing/here", null);
        Assert.True(request.IsWrite);
        Assert.False(request.IsListed);
        Assert.Equal(RbRepeat.NonIdempotentWrite, request.Operation.Repeat);
        var ex = await Assert.ThrowsAsync<RbApiException>(() => raw.InvokeAsync(request, default));
        Assert.Equal(400, ex.Code);
        Assert.Equal("/api/render/nothing/here", ex.Path);
        Assert.Equal("/api/render/nothing/here", t.Emulator.Requests.Last().Path);
    }

    [Theory]
    [InlineData("api/render/common/queryPlatforms")]
    [InlineData("https://task.renderbus.com/api/render/common/queryPlatforms")]
    [InlineData("/api/render/common/queryPlatforms?zone=1")]
    [InlineData("/api/../secret")]
    [InlineData("/api/render list")]
    [InlineData("/")]
    public void A_path_that_is_not_a_plain_api_path_is_refused(string path)
    {
        var ex = Assert.Throws<RbValidationException>(() => new RawApi(t.Client).Prepare(path, null));
        Assert.Equal("Rb.InvalidApiPath", ex.ErrorId);
    }

    [Fact]
    public void Booleans_nulls_fractions_and_other_objects_are_refused_before_anything_is_sent()
    {
        var before = t.Emulator.RequestCount;
        var bad = new object?[] { true, null, 1.5, 2.0m, 3f, DateTime.Now, new object(), ulong.MaxValue };
        foreach (var value in bad)
        {
            var ex = Assert.Throws<RbValidationException>(
                () => new RawApi(t.Client).Prepare(RbCatalog.QueryPlatforms.Path, H(("zone", value))));
            Assert.Equal("Rb.InvalidApiBody", ex.ErrorId);
            Assert.Contains("zone", ex.Message);
        }
        var nested = Assert.Throws<RbValidationException>(
            () => new RawApi(t.Client).Prepare(RbCatalog.QueryPlatforms.Path,
            H(("outer", H(("list", new object?[] { 1, false }))))));
        Assert.Contains("outer.list1", nested.Message);
        var keyed = new Hashtable { [1] = "x" };
        Assert.Equal(
            "Rb.InvalidApiBody", Assert.Throws<RbValidationException>(
            () => new RawApi(t.Client).Prepare(RbCatalog.QueryPlatforms.Path, keyed)).ErrorId);
        Assert.Equal(before, t.Emulator.RequestCount);
    }

    [Fact]
    public async Task Nested_bodies_with_empty_and_non_BMP_keys_are_signed_as_sent()
    {
        // the emulator re-flattens the body it received and checks the signature: a body whose wire form and signed
        // form differed (empty key segments, keys above U+FFFF, ints vs strings) would answer 611
        var body = new OrderedDictionary
        {
            ["zone"] = t.Emulator.Zone,
            ["meta"] = H(("", 1), ("\uFF41", new object[] { 1, "two", (byte)3 })),
            ["\U0001F600"] = "x",
            [""] = H(("inner", 7L)),
        };
        var raw = new RawApi(t.Client);
        var data = await raw.InvokeAsync(raw.Prepare(RbCatalog.QueryPlatforms.Path, body), default);
        var platforms = Assert.IsType<object?[]>(data);
        Assert.Contains(
            platforms, p => Equals(((IDictionary<string, object?>)p!)["platform"], (long)t.Emulator.Platform));
    }

    [Fact]
    public void Secret_fields_come_back_as_SecureStrings()
    {
        using var doc = JsonDocument.Parse(
            "{\"userKey\":\"u-secret\",\"raySyncUserKey\":\"r-secret\",\"zone\":1,\"engines\":[{\"name\":\"Aspera\",\"password\":\"p-secret\"}]}");
        var plain = (IDictionary<string, object?>)RawApi.ToPlainData(doc.RootElement)!;
        Assert.IsType<SecureString>(plain["userKey"]);
        Assert.IsType<SecureString>(plain["raySyncUserKey"]);
        Assert.Equal(1L, plain["zone"]);
        var engine = (IDictionary<string, object?>)((object?[])plain["engines"]!)[0]!;
        Assert.IsType<SecureString>(engine["password"]);
        Assert.Equal("Aspera", engine["name"]);
        Assert.DoesNotContain("secret", JsonSerializer.Serialize(plain));
    }
}

/// <summary>The nonce: six digits as the official client sends, never reused by this client within a
/// timestamp.</summary>
public class NonceTests
{
    [Fact]
    public void Nonces_are_six_digits_over_many_draws_and_spread_over_the_whole_range()
    {
        var draws = Enumerable.Range(0, 20000).Select(_ => RbNonces.Draw()).ToArray();
        Assert.All(
            draws, n => Assert.Matches(
            "^[1-9][0-9]{5}$", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(draws.Min() < 110000, "min " + draws.Min());
        Assert.True(draws.Max() > 990000, "max " + draws.Max());
        Assert.True(draws.Distinct().Count() > 19000, "draws repeat far more than chance");
    }

    [Fact]
    public void Nonces_never_repeat_within_one_timestamp()
    {
        var nonces = new RbNonces();
        var seen = Enumerable.Range(0, 30000).Select(_ => nonces.Next(1_700_000_000)).ToArray();
        Assert.Equal(seen.Length, seen.Distinct().Count());
        Assert.All(seen, n => Assert.Equal(6, n.Length));
    }

    [Fact]
    public async Task Requests_carry_six_digit_nonces_and_many_in_one_second_all_pass_the_replay_check()
    {
        // a listener that records the headers RbClient sends
        var port = (
            (IPEndPoint)new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0).Let(
            l => { l.Start(); var ep = l.LocalEndpoint; l.Stop(); return ep; })).Port;
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var nonces = new List<string>();
        var serve = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                var ctx = await listener.GetContextAsync();
                nonces.Add(ctx.Request.Headers["nonce"]!);
                var bytes = Encoding.UTF8.GetBytes(
                    "{\"code\":200,\"message\":\"success\",\"data\":{\"userName\":\"x\",\"userId\":1}}");
                ctx.Response.ContentType = "application/json";
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        });
        using (var client = new RbClient(
            new RbClientOptions { Domain = $"http://127.0.0.1:{port}",
            Credential = new RbCredential("AK", RbCredential.ToSecureString("k")) }))
        {
            for (var i = 0; i < 3; i++) await new AccountApi(client).GetUserAsync(default);
        }
        await serve;
        Assert.Equal(3, nonces.Count);
        Assert.All(nonces, n => Assert.Matches("^[1-9][0-9]{5}$", n));

        using var t = new TestEmulator(taskCount: 1);
        var calls = Enumerable.Range(0, 400).Select(_ => new AccountApi(t.Client).GetPlatformsAsync(default));
        await Task.WhenAll(calls);
        Assert.True(t.Emulator.Requests.Count(r => r.Code == 200) >= 400);
        Assert.DoesNotContain(t.Emulator.Requests, r => r.Code == 603);
    }
}

/// <summary>The emulator's zone for clients that infer the zone from the host name, and how RenderbusPS infers
/// it.</summary>
public class ZoneTests
{
    [Fact]
    public void Only_renderbus_and_foxrenderfarm_hosts_say_their_zone()
    {
        Assert.Equal(1, RbEndpoint.Parse("task.renderbus.com").KnownZone);
        Assert.Equal(2, RbEndpoint.Parse("jop.foxrenderfarm.com").KnownZone);
        Assert.Equal(2, RbEndpoint.Parse("task.foxrenderfarm.com").KnownZone);
        Assert.Null(RbEndpoint.Parse("http://127.0.0.1:8080").KnownZone);
        Assert.Equal(1, RbEndpoint.Parse("http://127.0.0.1:8080").DefaultZone);
    }

    [Fact]
    public async Task A_session_on_a_host_that_names_no_zone_takes_the_zone_of_the_profile()
    {
        using var emulator = RbEmulator.Start(
            new RbEmulatorOptions { TaskCount = 2, Zone = 2, Speed = 0, StrictZone = true });
        Assert.Equal(2, emulator.Zone);
        Assert.Contains("zone 2", emulator.ToString());
        var options = new RbClientOptions { Domain = emulator.Domain, Platform = emulator.Platform,
            Credential = new RbCredential(emulator.AccessId, emulator.AccessKey) };
        using var session = await RbSession.ConnectAsync(options, default);
        Assert.Equal(2, session.Zone);
        // strict: a wrong zone would answer 608, so this passing proves the adopted zone is sent
        Assert.NotEmpty(await new AccountApi(session.Client).GetPlatformsAsync(default));
    }

    [Fact]
    public async Task A_given_zone_wins_and_a_strict_emulator_answers_608_for_the_other_zone()
    {
        using var emulator = RbEmulator.Start(
            new RbEmulatorOptions { TaskCount = 2, Zone = 1, Speed = 0, StrictZone = true });
        var options = new RbClientOptions { Domain = emulator.Domain, Platform = emulator.Platform, Zone = 2,
            Credential = new RbCredential(emulator.AccessId, emulator.AccessKey) };
        using var session = await RbSession.ConnectAsync(options, default);
        Assert.Equal(2, session.Zone);
        var ex = await Assert.ThrowsAsync<RbApiException>(
            () => new AccountApi(session.Client).GetPlatformsAsync(default));
        Assert.Equal(608, ex.Code);
    }

    [Fact]
    public async Task A_client_that_sends_zone_2_for_127_0_0_1_as_the_python_client_does_gets_the_zone_1_emulator_s_platforms()
    {
        using var t = new TestEmulator(taskCount: 2);
        Assert.Equal(1, t.Emulator.Zone);
        Assert.False(t.Emulator.StrictZone);
        // sign independently, the way the official client does: zone = 1 if "renderbus" in domain else 2
        var host = t.Emulator.HostAndPort;
        var zone = host.Contains("renderbus") ? 1 : 2;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["accessId"] = t.Emulator.AccessId, ["channel"] = "4", ["platform"] = t.Emulator.Platform.ToString(),
            ["UTCTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(), ["nonce"] = "482913",
                ["version"] = "2.0.0",
            ["zone"] = zone.ToString(),
        };
        var path = RbCatalog.QueryPlatforms.Path;
        var signString = "[POST]" + host + ":" + path + "&" + string.Join(
            "&", headers.Select(kv => kv.Key + "=" + kv.Value));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(t.KeyText()));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(signString)));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://" + host + path);
        foreach (var h in headers.Where(h => h.Key != "zone")) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        request.Headers.TryAddWithoutValidation("signature", signature);
        request.Headers.TryAddWithoutValidation("languageFlag", "1");
        request.Content = new StringContent("{\"zone\": " + zone + "}", Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(
            doc.RootElement.GetProperty("data").EnumerateArray(), p => p.GetProperty("platform")
            .GetInt32() == t.Emulator.Platform);
    }
}

internal static class LetExtension
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
