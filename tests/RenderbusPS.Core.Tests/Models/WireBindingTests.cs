using System.Globalization;
using System.Reflection;
using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The binding's converters and its one mechanism for Extra: through the emulator where it sends the value (numbers as
/// text, epoch milliseconds, the service's wall-clock text, seconds, JSON text of a list, fields no model names), and
/// on crafted answers for what the emulator never sends (wrong kinds, secret-looking fields no model names).
/// </summary>
public class WireBindingTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 120);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task Fields_no_model_names_stay_in_Extra_as_plain_values_in_every_answer()
    {
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        Assert.All(tasks.SelectMany(x => x.SelfAndSubTasks()), x =>
        {
            Assert.IsType<string>(x.Extra["statusText"]);
            Assert.True(Assert.IsType<Dictionary<string, object?>>(x.Extra["taskKeyValueVo"]).ContainsKey("allCamera"));
            AssertPlain(x.Extra);
        });
        var withFrames = tasks.SelectMany(x => x.SelfAndSubTasks())
            .First(x => x.TotalFrames > 0 && x.SubTasks.Count == 0);
        var frames = await new FramesApi(t.Client).List(withFrames.Id).ReadAllAsync(default);
        Assert.NotEmpty(frames);
        Assert.All(frames, f => AssertPlain(f.Extra));
        var rendering = tasks.Where(x => x.Status == RbTaskStatus.Rendering).Take(2).Select(x => x.Id);
        await new TasksApi(t.Client).StopAsync(rendering, default);
        var user = await new AccountApi(t.Client).GetUserAsync(default);
        var records = await new AccountApi(t.Client).OperationLog(null).ReadAllAsync(default);
        var logins = await new AccountApi(t.Client).LoginLog(null).ReadAllAsync(default);
        Assert.NotEmpty(records);
        Assert.NotEmpty(logins);
        Assert.All(records, r => Assert.IsType<string>(r.Extra["requestParam"]));
        Assert.All(logins, l => Assert.Equal("登录", l.Extra["moduleType"]));
        Assert.True(user.Extra.ContainsKey("softType"));
        AssertPlain(user.Extra);
    }

    private static void AssertPlain(object? value)
    {
        Assert.True(value is null or string or long or decimal or double or bool or SecureString
            or object?[] or IDictionary<string, object?>, value?.GetType().Name);
        if (value is IDictionary<string, object?> map) foreach (var v in map.Values) AssertPlain(v);
        else if (value is object?[] list) foreach (var v in list) AssertPlain(v);
    }

    [Fact]
    public async Task Epoch_milliseconds_seconds_and_flags_read_as_the_emulator_sent_them()
    {
        foreach (var deleted in new[] { false, true })
        {
            var body = new RbBody().Add("pageNum", 1).Add("pageSize", 100)
                .Add("recycleFlag", deleted ? (object)1 : null);
            var raw = (await t.Client.SendAsync(RbCatalog.GetTaskList, body, default)).Data.GetProperty("items");
            var tasks = await new TasksApi(t.Client).List(new RbTaskQuery { Deleted = deleted }).ReadAllAsync(default);
            Assert.NotEmpty(tasks);
            Assert.All(tasks, x => Assert.Equal(deleted, x.IsDeleted));
            foreach (var item in raw.EnumerateArray())
            {
                var task = tasks.Single(x => x.Id == item.GetProperty("id").GetInt64());
                var submitted = DateTimeOffset.FromUnixTimeMilliseconds(item.GetProperty("submitDate").GetInt64());
                Assert.Equal(submitted, task.SubmittedAt);
                Assert.Equal(Seconds(item, "renderDuration"), task.RenderDuration);
                Assert.Equal(Seconds(item, "overTimeStop") is { Ticks: > 0 } stop ? stop : null, task.TimeoutStop);
                Assert.All(task.SubTasks, s => Assert.Equal(task.Id, s.ParentId));
                Assert.Null(task.ParentId);
            }
        }
    }

    private static TimeSpan? Seconds(JsonElement item, string name)
        => item.GetProperty(name) is { ValueKind: JsonValueKind.Number } seconds
            ? TimeSpan.FromSeconds(seconds.GetInt64()) : null;

    [Fact]
    public async Task Numbers_as_text_wall_clock_text_and_lists_as_JSON_text_read_from_the_logs()
    {
        var rendering = await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering } })
            .ReadAllAsync(default);
        await new TasksApi(t.Client).StopAsync(rendering.Take(3).Select(x => x.Id), default);
        await new TasksApi(t.Client).StopAsync(rendering.Skip(3).Take(1).Select(x => x.Id), default);
        var body = new RbBody().Add("platform", t.Emulator.Platform).Add("pageNum", 1).Add("pageSize", 50);
        var raw = (await t.Client.SendAsync(RbCatalog.TaskRecord, body, default)).Data.GetProperty("items");
        var records = await new AccountApi(t.Client).OperationLog(new RbLogQuery { PageSize = 50 })
            .ReadAllAsync(default);
        Assert.Equal(2, records.Count);
        Assert.Equal(3, records[1].TaskAliases.Count);
        foreach (var (item, record) in raw.EnumerateArray().Zip(records))
        {
            // "userId":"100200997", "createTime":"2026-12-07 11:03:00", "taskIds":"[\"2W1\"]"
            Assert.Equal(long.Parse(item.GetProperty("userId").GetString()!, CultureInfo.InvariantCulture),
                record.UserId);
            Assert.Equal(DateTimeOffset.ParseExact(item.GetProperty("createTime").GetString() + " +08:00",
                "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), record.Time);
            Assert.Equal(JsonSerializer.Deserialize<string[]>(item.GetProperty("taskIds").GetString()!),
                record.TaskAliases);
            Assert.NotEmpty(record.TaskAliases);
        }
        // each profile call is a login: "loginStatus":"200", "ip":"127.0.0.1", "loginTime":1765105380000
        for (var i = 0; i < 3; i++) await new AccountApi(t.Client).GetUserAsync(default);
        var logins = await new AccountApi(t.Client).LoginLog(null).ReadAllAsync(default);
        Assert.Equal(3, logins.Count);
        Assert.All(logins, l => Assert.Equal((200, "127.0.0.1"), (l.Status!.Value, l.Ip)));
        var now = DateTimeOffset.UtcNow;
        Assert.All(logins, l => Assert.InRange(l.LoginTime!.Value, now.AddHours(-1), now));
    }

    public static TheoryData<string, long, RbFrameStatus, decimal, string?, string?, string?> FrameValues() => new()
    {
        // id, frameStatus, feeAmount, startTime (UTC), frameExecuteTime, frameIndex
        { """
          {"id":"42","frameStatus":"4","feeAmount":"0.5","startTime":"1700000000000",
           "frameExecuteTime":"60","frameIndex":12}
          """,
            42, RbFrameStatus.Finished, 0.5m, "2023-11-14 22:13:20", "00:01:00", "12" },
        { """
          {"id":42.9,"frameStatus":99,"feeAmount":1e2,"startTime":"2024-09-01 08:00:00",
           "frameExecuteTime":-5,"frameIndex":[1,2]}
          """,
            42, (RbFrameStatus)99, 100m, "2024-09-01 00:00:00", "-00:00:05", "[1,2]" },
        { """
          {"id":"x","frameStatus":null,"feeAmount":"abc","startTime":0,"frameExecuteTime":null,"frameIndex":{"a":true}}
          """,
            0, 0, 0m, null, null, """{"a":true}""" },
        { """
          {"id":{},"frameStatus":[4],"feeAmount":{},"startTime":99999999999999999,
           "frameExecuteTime":"1.5","frameIndex":true}
          """,
            0, 0, 0m, null, null, "true" },
        { """{"id":1e30,"frameStatus":true,"feeAmount":null,"startTime":-1,"frameExecuteTime":{},"frameIndex":null}""",
            0, 0, 0m, null, null, null },
    };

    [Theory]
    [MemberData(nameof(FrameValues))]
    public void Values_of_the_wrong_kind_read_as_absent_and_numbers_as_text_as_numbers(string json, long id,
        RbFrameStatus status, decimal fee, string? startedUtc, string? duration, string? index)
    {
        var frame = Read<RbFrame>(json);
        Assert.Equal((id, status, fee, index), (frame.FrameId, frame.Status, frame.Cost, frame.FrameIndex));
        Assert.Equal(startedUtc,
            frame.StartedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Equal(duration, frame.Duration?.ToString("c", CultureInfo.InvariantCulture));
        Assert.Empty(frame.Extra);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("\"1\"", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("2", false)]
    [InlineData("\"yes\"", false)]
    [InlineData("null", false)]
    [InlineData("false", false)]
    public void Flags_are_1_or_true(string value, bool expected)
        => Assert.Equal(expected, Read<RbPlatform>("{\"isShow\":" + value + "}").IsShown);

    [Fact]
    public void A_model_reads_the_fields_it_derives_and_names_their_alternatives()
    {
        var user = Read<RbUser>("""{"zone":"2","usdbalance":"12.5","rmbbalance":3,"cpuPrice":null,"level":{"x":1}}""");
        Assert.Equal((2, 12.5m, 3m), (user.Zone!.Value, user.Balance, (decimal)user.Extra["rmbbalance"]!));
        Assert.Null(user.CpuPrice);
        Assert.Null(user.Level);
        var setting = Read<RbUserSetting>("""{"taskOverTime":"6","taskOverTimeSec":null}""");
        Assert.Equal(TimeSpan.FromHours(6), setting.TaskTimeout);
        Assert.Equal(6L, setting.Extra["taskOverTime"]);
        var detail = Read<RbErrorDetail>(
            """{"code":null,"type":null,"desDescriptionEn":"en","desDescription":"any"}""");
        Assert.Equal(("", RbErrorSeverity.Error, "en"), (detail.Code, detail.Severity, detail.Description));
        Assert.False(detail.Extra.ContainsKey("desDescription"));
        var server = Read<RbTransferServer>("""{"raysyncTransfer":"down","clientVersion":1}""");
        Assert.Equal(("1", (string?)null), (server.ClientVersion, server.ServerIp));
        var env = Read<RbRenderEnv>("""{"osName":null,"respUserPluginInfoVos":[null,7,{"pluginId":"3"}]}""");
        Assert.Equal(RbOperatingSystem.Windows, env.OS);
        Assert.Equal(3L, Assert.Single(env.Plugins).PluginId);
        var file = Read<RbOutputFile>("""{"fileName":"a.exr","iconPath":"x.png"}""");
        Assert.Equal(("/a.exr", false), (file.Path, file.Extra.ContainsKey("iconPath")));
    }

    /// <summary>Every model that has Extra, found by its <c>[JsonExtensionData]</c>.</summary>
    public static TheoryData<Type> ModelsWithExtra()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(RbWire).Assembly.GetTypes().OrderBy(x => x.Name))
        {
            if (type.GetProperties().Any(p => p.IsDefined(typeof(JsonExtensionDataAttribute)))) data.Add(type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsWithExtra))]
    public void Every_model_keeps_unknown_fields_and_masks_secret_looking_text(Type model)
    {
        var read = JsonSerializer.Deserialize("""
            {"brandNew":{"x":[1,"a",null,2.5]},"ftpPassword":"s3cr3t-1","apiKey":"s3cr3t-2","clientSecret":"s3cr3t-3",
             "keyCount":3,"sessionKey":7,"note":"plain","big":123456789012345678901234567890}
            """, RbWire.Options.GetTypeInfo(model))!;
        var extra = (IDictionary<string, object?>)model.GetProperty("Extra")!.GetValue(read)!;
        var brandNew = Assert.IsType<Dictionary<string, object?>>(extra["brandNew"]);
        Assert.Equal(new object?[] { 1L, "a", null, 2.5m }, Assert.IsType<object?[]>(brandNew["x"]));
        Assert.All(new[] { "ftpPassword", "apiKey", "clientSecret" }, n => Assert.IsType<SecureString>(extra[n]));
        Assert.Equal(new object?[] { 3L, 7L, "plain", 1.2345678901234568E+29 },
            new[] { extra["keyCount"], extra["sessionKey"], extra["note"], extra["big"] });
        Assert.DoesNotContain("s3cr3t", JsonSerializer.Serialize(extra));
    }

    /// <summary>Every type the binding reads (the models and the answers' own shapes).</summary>
    public static TheoryData<Type> WireTypes()
    {
        var data = new TheoryData<Type>();
        const BindingFlags instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        foreach (var type in typeof(RbWire).Assembly.GetTypes().OrderBy(x => x.Name))
        {
            var named = type.GetProperties(instance).Any(p => p.IsDefined(typeof(JsonPropertyNameAttribute)));
            if (named && !type.IsGenericTypeDefinition) data.Add(type);
        }
        return data;
    }

    private static readonly string[] Values =
    {
        "0", "-1", "1", "\"1\"", "\"abc\"", "\"\"", "null", "true", "false", "1.5", "1e300",
        "123456789012345678901234567890", "[]", "[1,\"a\",null]", "[{}]", "[[{}]]", "{}", "{\"a\":null}",
        "\"2024-09-01 00:00:00\"", "\"[\\\"x\\\"]\"", "\"{}\"", "1700000000000", "\"-5\"",
    };

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void An_answer_of_any_shape_reads_without_an_error(Type type)
    {
        var info = RbWire.Options.GetTypeInfo(type);
        var names = info.Properties.Select(p => p.Name).Append("unknownField").ToArray();
        var random = new Random(type.Name.Length * 31 + names.Length);
        for (var i = 0; i < 200; i++)
        {
            var json = "{" + string.Join(",", names.Where(_ => random.Next(4) > 0)
                .Select(n => $"\"{n}\":{Values[random.Next(Values.Length)]}")) + "}";
            Assert.NotNull(JsonSerializer.Deserialize(json, info));
        }
    }

    [Fact]
    public void An_answer_that_is_not_the_object_or_list_expected_reads_as_an_empty_one()
    {
        foreach (var text in new[] { "null", "[]", "\"busy\"", "7" })
        {
            using var doc = JsonDocument.Parse(text);
            var user = RbWire.Read<RbUser>(doc.RootElement);
            Assert.Equal((0L, 0m), (user.UserId, user.Balance));
            Assert.Empty(user.Extra);
            Assert.Empty(RbWire.List<RbPlatform>(doc.RootElement));
            Assert.Empty(RbWire.Page<RbTask>(doc.RootElement, 3).Items);
        }
        using var page = JsonDocument.Parse("""{"items":{"id":1},"pageNum":"2"}""");
        var odd = RbWire.Page<RbTask>(page.RootElement, 3);
        Assert.Equal((0, 2), (odd.Items.Count, odd.PageNum!.Value));
    }

    private static T Read<T>(string json) where T : class
    {
        using var doc = JsonDocument.Parse(json);
        return RbWire.Read<T>(doc.RootElement);
    }
}
