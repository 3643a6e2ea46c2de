using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Task pages, the answers read most, read by the binding (RbWire) and by the one hand-written reader kept for them
/// (RbTaskPageReader), as the bytes stream by and from a parsed answer, against a reference written here member by
/// member: whatever order members come in, whatever kind of value a field has (numbers as text, nulls, lists and
/// objects where text is expected), repeated, escaped or secret-looking. The reader and the binding give one result.
/// </summary>
public class WireReadingTests
{
    [Fact]
    public async Task A_page_read_in_place_gives_the_models_a_detached_answer_gives_and_keeps_nothing_of_the_document()
    {
        using var t = new TestEmulator(taskCount: 400);
        var op = RbCatalog.GetTaskList;
        for (var page = 1; page <= 4; page++)
        {
            var body = new RbBody().Add("pageNum", page).Add("pageSize", 100);
            var detached = await t.Client.SendAsync(op, body, default);
            var expected = RbWire.Page<RbTask>(detached.Data, page);
            RbResponse? seen = null;
            var inPlace = await t.Client.SendAsync(op, body, r =>
            {
                seen = r;
                return RbWire.Page<RbTask>(r.Data, page);
            }, default);

            Assert.Equal(expected.Items.Select(Shown), inPlace.Items.Select(Shown));
            Assert.Equal(expected.Total, inPlace.Total);
            Assert.True(inPlace.Items.Count > 0);
            // the document went back: its data can no longer be read, and nothing the models hold points into it
            Assert.Throws<ObjectDisposedException>(() => seen!.Data.GetRawText());
            foreach (var task in inPlace.Items.SelectMany(x => x.SelfAndSubTasks()))
            {
                Assert.NotEmpty(task.Extra);
                AssertNoElement(task.Extra);
            }
        }
    }

    private static void AssertNoElement(object? value)
    {
        Assert.IsNotType<JsonElement>(value);
        if (value is IDictionary<string, object?> map) foreach (var v in map.Values) AssertNoElement(v);
        else if (value is object?[] list) foreach (var v in list) AssertNoElement(v);
    }

    [Fact]
    public async Task An_answer_a_caller_keeps_survives_the_pool_giving_its_bytes_to_later_answers()
    {
        using var t = new TestEmulator(taskCount: 300);
        var op = RbCatalog.GetTaskList;
        var kept = await t.Client.SendAsync(op, new RbBody().Add("pageNum", 1).Add("pageSize", 100), default);
        var text = kept.Data.GetRawText();
        for (var i = 0; i < 20; i++)
        {
            var page = i % 3 + 1;
            var count = await t.Client.SendAsync(op, new RbBody().Add("pageNum", page).Add("pageSize", 100),
                r => r.Data.GetProperty("items").GetArrayLength(), default);
            Assert.True(count > 0);
        }
        Assert.Equal(text, kept.Data.GetRawText());
    }

    [Fact]
    public void Labels_sent_as_empty_text_read_as_none_and_others_still_read()
    {
        var task = ReadTask("{\"id\":5,\"labels\":\"{}\"}");
        Assert.Empty(task.Labels);
        Assert.False(task.Extra.ContainsKey("labels"));
        var two = ReadTask("{\"id\":6,\"labels\":\"{\\\"21205\\\":\\\"lookdev\\\",\\\"7\\\":\\\"anim\\\"}\"}");
        Assert.Equal(new[] { "anim", "lookdev" }, two.Labels.Select(l => l.Name));
        Assert.Equal(new[] { 21205L }, ReadTask("{\"labels\":{\"21205\":\"lookdev\"}}").Labels.Select(l => l.LabelId));
        Assert.Empty(ReadTask("{\"id\":7,\"labels\":\"\"}").Labels);
        Assert.Empty(ReadTask("{\"id\":8,\"labels\":\"not json\"}").Labels);
    }

    private static RbTask ReadTask(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return RbWire.Read<RbTask>(doc.RootElement);
    }

    private static readonly string[] TaskMembers =
    {
        "\"id\":{0}", "\"id\":\"{0}\"", "\"taskAlias\":\"2W{0}\"", "\"taskStatus\":{1}", "\"taskStatus\":\"x\"",
        "\"sceneName\":\"sc\\u00e8ne_{0}.max\"", "\"projectName\":null", "\"cgId\":2000", "\"cgId\":99999999999",
        "\"taskType\":\"Render\"", "\"renderCamera\":[1,2]", "\"framesRange\":12", "\"totalFrames\":31",
        "\"doneFrames\":\"7\"", "\"renderConsume\":8.77", "\"userAccountConsume\":\"1.5\"", "\"couponConsume\":{{}}",
        "\"taskArrears\":1e2", "\"submitDate\":1700000000000", "\"startTime\":0", "\"completedDate\":\"1700000100000\"",
        "\"renderDuration\":3600", "\"userName\":\"rb\"", "\"userId\":10001001", "\"producer\":true",
        "\"taskUserLevel\":60", "\"taskLevel\":63.0", "\"taskLimit\":200", "\"overTimeStop\":-1",
        "\"overTimeStop\":86400",
        "\"taskRam\":64", "\"labels\":\"{{}}\"", "\"labels\":\"{{\\\"7\\\":\\\"anim\\\"}}\"",
        "\"labels\":[{{\"labelId\":3,\"labelName\":\"fx\"}}]", "\"labels\":\"not json\"", "\"layerParentId\":0",
        "\"layerParentId\":{0}", "\"outputFileName\":\"{0}_out\"", "\"isDelete\":0", "\"isDelete\":1",
        "\"errorCode\":\"0\"", "\"errorCode\":15000", "\"statusText\":\"render_task_status_{1}\"",
        "\"taskKeyValueVo\":{{\"tiles\":null,\"allCamera\":\"cam\"}}", "\"raySyncUserKey\":\"k{0}\"", "\"isOpen\":1",
        "\"big\":123456789012345678901234567890", "\"t\\u0061skAlias2\":\"escaped\"",
        "\"submitDate\":\"2024-09-01 08:00:00\"",
    };

    private static string TaskText(Random random, int i, int depth)
    {
        var members = TaskMembers.Where(_ => random.Next(3) > 0).Select(m => string.Format(m, i, random.Next(5) * 5))
            .ToList();
        if (depth < 2 && random.Next(3) == 0)
        {
            var subs = Enumerable.Range(0, random.Next(4))
                .Select(k => random.Next(8) == 0 ? "null"
                    : random.Next(12) == 0 ? "7" : TaskText(random, i * 10 + k, depth + 1));
            members.Add("\"respRenderingTaskList\":[" + string.Join(",", subs) + "]");
        }
        else if (random.Next(5) == 0) members.Add("\"respRenderingTaskList\":" + (random.Next(2) == 0 ? "null" : "{}"));
        return "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
    }

    private static string Shown(RbTask task) => JsonSerializer.Serialize(task);

    [Fact]
    public void Tasks_read_as_the_bytes_stream_and_from_a_document_are_what_the_reference_reads()
    {
        var random = new Random(81);
        for (var i = 1; i <= 3000; i++)
        {
            var text = TaskText(random, i, 0);
            using var doc = JsonDocument.Parse(text);
            var expected = Shown(WireReference.Task(doc.RootElement));
            Assert.Equal(expected, Shown(RbWire.Read<RbTask>(doc.RootElement)));
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            reader.Read();
            Assert.Equal(expected, Shown(RbWire.Read<RbTask>(ref reader)));
            Assert.False(reader.Read(), "the reader consumed exactly the task");
            var page = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"total\":1,\"items\":[null," + text + ",7]}"));
            page.Read();
            Assert.Equal(expected, Shown(RbTaskPageReader.Page(ref page, 1).Items.Single()));
            Assert.False(page.Read(), "the reader consumed exactly the page");
        }
    }

    [Fact]
    public async Task A_task_page_read_as_it_streams_is_the_page_the_document_gives_on_both_path_sets()
    {
        using var t = new TestEmulator(taskCount: 350);
        using var v1 = t.NewClient(o => o.PathSet = RbPathSet.V1);
        var op = RbCatalog.GetTaskList;
        foreach (var client in new[] { t.Client, v1 })
        {
            for (var page = 1; page <= 4; page++)
            {
                var body = new RbBody().Add("pageNum", page).Add("pageSize", 100);
                var data = (await client.SendAsync(op, body, default)).Data;
                var expected = data.GetProperty("items").EnumerateArray().Select(e => Shown(WireReference.Task(e)))
                    .ToList();
                foreach (var read in new WireRead<RbPage<RbTask>>[]
                {
                    (ref Utf8JsonReader r) => RbTaskPageReader.Page(ref r, page),
                    (ref Utf8JsonReader r) => RbWire.Page<RbTask>(ref r, page),
                })
                {
                    var streamed = await client.ReadAsync(op, body, read, default);
                    Assert.Equal(expected, streamed.Items.Select(Shown));
                    Assert.Equal((page, data.GetProperty("pageCount").GetInt32(), data.GetProperty("total").GetInt64()),
                        (streamed.PageNum!.Value, streamed.PageCount!.Value, streamed.Total!.Value));
                    Assert.Equal(page < 4, streamed.Items.Count == 100);
                }
            }
        }
    }

    private static RbResponse? Envelope(string text, out int code)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return RbRestEnvelope.Read(bytes, bytes.Length, false, "/p",
            (ref Utf8JsonReader r) => RbWire.Page<RbTask>(ref r, 7), out code, out _, out _, out _);
    }

    [Fact]
    public void An_envelope_read_as_it_streams_is_checked_as_a_parsed_one_is()
    {
        var page = (RbPage<RbTask>)Envelope(
            "{\"data\":{\"items\":[{\"id\":5}],\"total\":1},\"serverTime\":1,\"code\":200,\"requestId\":\"r\"}",
            out var code)!.Read!;
        Assert.Equal((200, 5L, 7, 1L), (code, page.Items.Single().Id, page.PageNum!.Value, page.Total!.Value));
        var none = (RbPage<RbTask>)Envelope("{\"code\":200,\"message\":\"ok\"}", out _)!.Read!;
        Assert.Empty(none.Items);
        Assert.Equal(7, none.PageNum);
        var odd = (RbPage<RbTask>)Envelope("{\"code\":200,\"data\":\"busy\"}", out _)!.Read!;
        Assert.Empty(odd.Items);
        var bytes = Encoding.UTF8.GetBytes("{\"code\":200,\"data\":\"busy\"}");
        var byHand = (RbPage<RbTask>)RbRestEnvelope.Read(bytes, bytes.Length, false, "/p",
            (ref Utf8JsonReader r) => RbTaskPageReader.Page(ref r, 7), out _, out _, out _, out _)!.Read!;
        Assert.Equal((0, 7), (byHand.Items.Count, byHand.PageNum!.Value));
        Assert.Null(Envelope("{\"code\":200,\"data\":{\"items\":[1]},\"code\":604}", out code));
        Assert.Equal(604, code);
        Assert.Null(Envelope("{\"code\":500,\"data\":\"oops\"}", out code));
        Assert.Contains("not JSON", Refused("<html>502</html>"));
        Assert.Contains("not JSON", Refused("{\"code\":200,\"data\":{\"items\":[}"));
        Assert.Contains("not JSON", Refused("{\"code\":200} trailing"));
        Assert.Contains("not the Renderbus envelope", Refused("[1,2]"));
        Assert.Contains("not the Renderbus envelope", Refused("{\"code\":\"200\",\"data\":null}"));
        Assert.Contains("not the Renderbus envelope", Refused("{\"code\":200,\"code\":{}}"));
    }

    private static string Refused(string text)
        => Assert.Throws<RbProtocolException>(() => Envelope(text, out _)).Message;
}

/// <summary>
/// What a task's wire object means, written member by member from a parsed document, independently of the binding: the
/// reference the binding must match. A value of the wrong kind is absent; Extra holds the other members as plain
/// values.
/// </summary>
internal static class WireReference
{
    private static readonly string[] Named =
    {
        "id", "taskAlias", "taskStatus", "sceneName", "projectName", "cgId", "taskType", "layerName", "renderCamera",
        "framesRange", "totalFrames", "doneFrames", "failedFrames", "executingFrames", "abortFrames", "renderConsume",
        "userAccountConsume", "couponConsume", "taskArrears", "submitDate", "startTime", "completedDate",
        "renderDuration", "userName", "userId", "producer", "taskUserLevel", "taskLevel", "taskLimit", "overTimeStop",
        "taskRam", "labels", "layerParentId", "outputFileName", "isDelete", "respRenderingTaskList", "errorCode",
    };

    public static RbTask Task(JsonElement e)
    {
        var status = Int(e, "taskStatus");
        var labels = Get(e, "labels");
        var task = new RbTask
        {
            Id = Long(e, "id") ?? 0,
            Alias = Str(e, "taskAlias"),
            Status = (RbTaskStatus)(status ?? 0),
            StatusIsRead = status.HasValue,
            SceneName = Str(e, "sceneName"),
            ProjectName = Str(e, "projectName"),
            SoftwareId = Int(e, "cgId"),
            TaskType = Str(e, "taskType"),
            LayerName = Str(e, "layerName"),
            Camera = Str(e, "renderCamera"),
            FrameRange = Str(e, "framesRange"),
            TotalFrames = Int(e, "totalFrames") ?? 0,
            DoneFrames = Int(e, "doneFrames") ?? 0,
            FailedFrames = Int(e, "failedFrames") ?? 0,
            ExecutingFrames = Int(e, "executingFrames") ?? 0,
            AbortedFrames = Int(e, "abortFrames") ?? 0,
            Cost = Dec(e, "renderConsume") ?? 0,
            AccountCost = Dec(e, "userAccountConsume") ?? 0,
            CouponCost = Dec(e, "couponConsume") ?? 0,
            Arrears = Dec(e, "taskArrears") ?? 0,
            SubmittedAt = Time(e, "submitDate"),
            StartedAt = Time(e, "startTime"),
            CompletedAt = Time(e, "completedDate"),
            RenderDuration = Long(e, "renderDuration") is long s ? TimeSpan.FromSeconds(s) : null,
            UserName = Str(e, "userName"),
            UserId = Long(e, "userId"),
            Producer = Str(e, "producer"),
            Priority = Int(e, "taskUserLevel"),
            FarmPriority = Int(e, "taskLevel"),
            MachineLimit = Int(e, "taskLimit"),
            TimeoutStop = Long(e, "overTimeStop") is long stop && stop > 0 ? TimeSpan.FromSeconds(stop) : null,
            Ram = Int(e, "taskRam"),
            Labels = labels.HasValue ? Labels(labels.Value) : Array.Empty<RbTaskLabel>(),
            ParentId = Long(e, "layerParentId") is long parent && parent > 0 ? parent : null,
            OutputFileName = Str(e, "outputFileName"),
            IsDeleted = Get(e, "isDelete").HasValue && Long(e, "isDelete") == 0,
            // null items and items that are not objects are left out
            SubTasks = Get(e, "respRenderingTaskList") is { ValueKind: JsonValueKind.Array } subs
                ? subs.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).Select(Task).ToArray()
                : Array.Empty<RbTask>(),
            ErrorCode = Str(e, "errorCode") is string code && code.Length > 0 && code != "0" ? code : null,
            Extra = new Dictionary<string, object?>(),
        };
        foreach (var p in e.EnumerateObject().Where(p => !Named.Contains(p.Name)))
        {
            var secret = p.Value.ValueKind == JsonValueKind.String && Signing.RbSecrets.IsSecretField(p.Name);
            task.Extra[p.Name] = secret ? Signing.RbCredential.ToSecureString(p.Value.GetString()!) : Plain(p.Value);
        }
        return task;
    }

    /// <summary>The member's value (the last one when it is repeated); null when absent or null.</summary>
    private static JsonElement? Get(JsonElement e, string name)
        => e.EnumerateObject().LastOrDefault(p => p.Name == name) is { Value.ValueKind: not JsonValueKind.Undefined } p
            && p.Value.ValueKind != JsonValueKind.Null ? p.Value : null;

    private static string? Str(JsonElement e, string name) => Get(e, name) is JsonElement v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static long? Long(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.TryGetInt64(out var l) ? l
            : v.TryGetDecimal(out var d) ? (long)d : null,
        { ValueKind: JsonValueKind.String } v
            => long.TryParse(v.GetString(), NumberStyles.Integer, C, out var l) ? l : null,
        _ => null,
    };

    private static int? Int(JsonElement e, string name)
        => Long(e, name) is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    private static decimal? Dec(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.TryGetDecimal(out var d) ? d : null,
        { ValueKind: JsonValueKind.String } v
            => decimal.TryParse(v.GetString(), NumberStyles.Number, C, out var d) ? d : null,
        _ => null,
    };

    /// <summary>Epoch milliseconds, or the service's text in China Standard Time.</summary>
    private static DateTimeOffset? Time(JsonElement e, string name)
    {
        if (Get(e, name) is { ValueKind: JsonValueKind.String } v && DateTime.TryParseExact(v.GetString(),
            "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(local, TimeSpan.FromHours(8));
        return Long(e, name) is long ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private static IReadOnlyList<RbTaskLabel> Labels(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var doc = JsonDocument.Parse(v.GetString()!);
                return Labels(doc.RootElement.Clone());
            }
            catch (JsonException)
            {
                return Array.Empty<RbTaskLabel>();
            }
        }
        var labels = v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Where(p => long.TryParse(p.Name, out _))
                .Select(p => new RbTaskLabel(long.Parse(p.Name, CultureInfo.InvariantCulture), p.Value.ToString()))
            : v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && Long(i, "labelId") != null)
                    .Select(i => new RbTaskLabel(Long(i, "labelId")!.Value, Str(i, "labelName")!))
                : Enumerable.Empty<RbTaskLabel>();
        return labels.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>A value as Extra holds it: string, long, decimal, double, bool, null, object[] or a map.</summary>
    public static object? Plain(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var l) ? l : v.TryGetDecimal(out var d) ? d : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => v.EnumerateArray().Select(Plain).ToArray(),
        JsonValueKind.Object => v.EnumerateObject().GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => Plain(g.Last().Value)),
        _ => null,
    };
}
