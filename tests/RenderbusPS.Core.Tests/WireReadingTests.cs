using System.Collections;
using System.Security;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Reading wire objects in one walk guided by what earlier objects looked like (WireObject.For) must give exactly what
/// looking every name up gives, however members come: reordered, missing, new, null, repeated, escaped, secret-looking.
/// </summary>
public class WireReadingTests
{
    /// <summary>A model of its own, so these tests start from a shape that has learned nothing.</summary>
    private sealed class Probe { }

    private sealed class ProbeInParallel { }

    private static readonly string[] Members =
    {
        "\"id\":{0}", "\"name\":\"scene_{0}.ma\"", "\"cost\":\"12.5\"", "\"on\":true", "\"at\":1700000000000", "\"kind\":{1}",
        "\"special\":\"only read when kind is 2\"", "\"items\":[1,\"2\",3]", "\"statusText\":\"render_task_status_{1}\"",
        "\"nested\":{{\"a\":null,\"b\":[true,{{\"c\":1.5}}]}}", "\"raySyncUserKey\":\"s3cr3t-{0}\"", "\"nothing\":null",
        "\"big\":12345678901234567890", "\"n\\u0061me2\":\"escaped name\"", "\"userPassword\":7",
    };

    /// <summary>One object: a seeded choice of members, in a seeded order, some repeated, some values changed.</summary>
    private static string ObjectText(Random random, int i)
    {
        var members = Members.Where(_ => random.Next(5) > 0).Select(m => string.Format(m, i, random.Next(4))).ToList();
        if (random.Next(4) == 0) members.Add($"\"new_{random.Next(6)}\":\"{i}\"");
        if (random.Next(6) == 0 && members.Count > 0) members.Add(members[random.Next(members.Count)].Replace(i.ToString(), (i + 1).ToString()));
        if (random.Next(3) == 0) members = members.OrderBy(_ => random.Next()).ToList();
        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>What a model reads, including a read that depends on another value and a name read twice.</summary>
    private static (object?[] Values, IDictionary<string, object?> Extra) Read(WireObject w)
    {
        var kind = w.Int("kind");
        var values = new object?[]
        {
            w.Long("id"), w.Str("name"), w.Dec("cost"), w.Flag("on"), w.EpochMs("at"), kind,
            kind == 2 ? w.Str("special") : null,
            string.Join(",", w.List("items", WireObject.IntOf)),
            w.Long("id") ?? w.Long("missing"),
            w.Str("nothing"),
        };
        return (values, w.Rest());
    }

    private static void AssertSame((object?[] Values, IDictionary<string, object?> Extra) expected, (object?[] Values, IDictionary<string, object?> Extra) actual, string text)
    {
        Assert.True(expected.Values.SequenceEqual(actual.Values), text);
        Assert.Equal(expected.Extra.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Extra.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, value) in expected.Extra) Assert.Equal(Plain(value), Plain(actual.Extra[key]));
    }

    /// <summary>A value of Extra as comparable text; a secret as its type and length only.</summary>
    private static string Plain(object? value) => value switch
    {
        null => "null",
        SecureString s => "secure:" + s.Length,
        string s => "s:" + s,
        IDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + Plain(kv.Value))) + "}",
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Plain)) + "]",
        _ => value.GetType().Name + ":" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void One_walk_reads_what_looking_names_up_reads_whatever_order_and_members_come_in()
    {
        var random = new Random(8);
        for (var i = 0; i < 3000; i++)
        {
            var text = ObjectText(random, i);
            using var doc = JsonDocument.Parse(text);
            AssertSame(Read(new WireObject(doc.RootElement)), Read(WireObject.For<Probe>(doc.RootElement)), text);
        }
    }

    [Fact]
    public void Secret_looking_members_stay_secure_strings_and_unread_values_keep_their_types()
    {
        // read twice: once while the shape learns, once with what it learned
        for (var pass = 0; pass < 2; pass++)
        {
            using var doc = JsonDocument.Parse("{\"id\":1,\"raySyncUserKey\":\"k\",\"userPassword\":\"p\",\"count\":3,\"ratio\":0.5,\"list\":[1,\"a\"],\"map\":{\"x\":null}}");
            var (_, extra) = Read(WireObject.For<Probe>(doc.RootElement));
            Assert.IsType<SecureString>(extra["raySyncUserKey"]);
            Assert.IsType<SecureString>(extra["userPassword"]);
            Assert.Equal(3L, extra["count"]);
            Assert.Equal(0.5m, extra["ratio"]);
            Assert.Equal(new object?[] { 1L, "a" }, Assert.IsType<object?[]>(extra["list"]));
            Assert.Null(Assert.IsType<Dictionary<string, object?>>(extra["map"])["x"]);
            Assert.False(extra.ContainsKey("id"));
        }
    }

    [Fact]
    public void Objects_read_on_many_threads_at_once_while_the_shape_learns_read_the_same()
    {
        var texts = Enumerable.Range(0, 4000).Select(i => ObjectText(new Random(i), i)).ToArray();
        var expected = texts.Select(text =>
        {
            using var doc = JsonDocument.Parse(text);
            return Read(new WireObject(doc.RootElement));
        }).ToArray();
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var doc = JsonDocument.Parse(texts[i]);
            AssertSame(expected[i], Read(WireObject.For<ProbeInParallel>(doc.RootElement)), texts[i]);
        });
    }

    [Fact]
    public async Task A_page_read_in_place_gives_the_models_a_detached_answer_gives_and_keeps_nothing_of_the_document()
    {
        using var t = new TestEmulator(taskCount: 400);
        var op = RbCatalog.GetTaskList;
        for (var page = 1; page <= 4; page++)
        {
            var body = new RbBody().Add("pageNum", page).Add("pageSize", 100);
            var detached = await t.Client.SendAsync(op, body, default);
            var expected = RbPage<RbTask>.FromWire(detached.Data, page, RbTask.FromWire);
            RbResponse? seen = null;
            var inPlace = await t.Client.SendAsync(op, body, r => { seen = r; return RbPage<RbTask>.FromWire(r.Data, page, RbTask.FromWire); }, default);

            Assert.Equal(JsonSerializer.Serialize(expected.Items), JsonSerializer.Serialize(inPlace.Items));
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
            var count = await t.Client.SendAsync(op, new RbBody().Add("pageNum", page).Add("pageSize", 100), r => r.Data.GetProperty("items").GetArrayLength(), default);
            Assert.True(count > 0);
        }
        Assert.Equal(text, kept.Data.GetRawText());
    }

    [Fact]
    public void Labels_sent_as_empty_text_cost_nothing_and_others_still_read()
    {
        using var none = JsonDocument.Parse("{\"id\":5,\"labels\":\"{}\"}");
        var task = RbTask.FromWire(none.RootElement);
        Assert.Empty(task.Labels);
        Assert.False(task.Extra.ContainsKey("labels"));
        using var some = JsonDocument.Parse("{\"id\":6,\"labels\":\"{\\\"21205\\\":\\\"lookdev\\\",\\\"7\\\":\\\"anim\\\"}\"}");
        Assert.Equal(new[] { "anim", "lookdev" }, RbTask.FromWire(some.RootElement).Labels.Select(l => l.Name));
        using var empty = JsonDocument.Parse("{\"id\":7,\"labels\":\"\"}");
        Assert.Empty(RbTask.FromWire(empty.RootElement).Labels);
    }

    /// <summary>The task mapping as it was written with WireObject (names looked up), kept here as the reference the binder must match.</summary>
    private static RbTask ReferenceTask(JsonElement element)
    {
        var w = new WireObject(element);
        var parent = w.Long("layerParentId");
        var task = new RbTask
        {
            Id = w.Long("id") ?? 0,
            Alias = w.Str("taskAlias"),
            Status = (RbTaskStatus)(w.Int("taskStatus") ?? 0),
            StatusIsRead = w.Int("taskStatus").HasValue,
            SceneName = w.Str("sceneName"),
            ProjectName = w.Str("projectName"),
            SoftwareId = w.Int("cgId"),
            TaskType = w.Str("taskType"),
            LayerName = w.Str("layerName"),
            Camera = w.Str("renderCamera"),
            FrameRange = w.Str("framesRange"),
            TotalFrames = w.Int("totalFrames") ?? 0,
            DoneFrames = w.Int("doneFrames") ?? 0,
            FailedFrames = w.Int("failedFrames") ?? 0,
            ExecutingFrames = w.Int("executingFrames") ?? 0,
            AbortedFrames = w.Int("abortFrames") ?? 0,
            Cost = w.Dec("renderConsume") ?? 0,
            AccountCost = w.Dec("userAccountConsume") ?? 0,
            CouponCost = w.Dec("couponConsume") ?? 0,
            Arrears = w.Dec("taskArrears") ?? 0,
            SubmittedAt = w.EpochMs("submitDate"),
            StartedAt = w.EpochMs("startTime"),
            CompletedAt = w.EpochMs("completedDate"),
            RenderDuration = w.Long("renderDuration") is long s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null,
            UserName = w.Str("userName"),
            UserId = w.Long("userId"),
            Producer = w.Str("producer"),
            Priority = w.Int("taskUserLevel"),
            FarmPriority = w.Int("taskLevel"),
            MachineLimit = w.Int("taskLimit"),
            TimeoutStop = w.Long("overTimeStop") is long stop && stop > 0 ? TimeSpan.FromSeconds(stop) : (TimeSpan?)null,
            Ram = w.Int("taskRam"),
            Labels = RbTaskLabel.ListFromWire(w.Raw("labels")),
            ParentId = parent.HasValue && parent.Value > 0 ? parent : null,
            OutputFileName = w.Str("outputFileName"),
            IsDeleted = w.Long("isDelete") == 0,
            SubTasks = w.List("respRenderingTaskList", ReferenceTask),
            ErrorCode = w.Str("errorCode") is string code && code.Length > 0 && code != "0" ? code : null,
        };
        task.Extra = w.Rest();
        return task;
    }

    private static readonly string[] TaskMembers =
    {
        "\"id\":{0}", "\"id\":\"{0}\"", "\"taskAlias\":\"2W{0}\"", "\"taskStatus\":{1}", "\"taskStatus\":\"x\"", "\"sceneName\":\"sc\\u00e8ne_{0}.max\"",
        "\"projectName\":null", "\"cgId\":2000", "\"cgId\":99999999999", "\"taskType\":\"Render\"", "\"renderCamera\":[1,2]", "\"framesRange\":12",
        "\"totalFrames\":31", "\"doneFrames\":\"7\"", "\"renderConsume\":8.77", "\"userAccountConsume\":\"1.5\"", "\"couponConsume\":{{}}", "\"taskArrears\":1e2",
        "\"submitDate\":1700000000000", "\"startTime\":0", "\"completedDate\":\"1700000100000\"", "\"renderDuration\":3600", "\"userName\":\"rb\"",
        "\"userId\":10001001", "\"producer\":true", "\"taskUserLevel\":60", "\"taskLevel\":63.0", "\"taskLimit\":200", "\"overTimeStop\":-1",
        "\"overTimeStop\":86400", "\"taskRam\":64", "\"labels\":\"{{}}\"", "\"labels\":\"{{\\\"7\\\":\\\"anim\\\"}}\"", "\"labels\":[{{\"labelId\":3,\"labelName\":\"fx\"}}]",
        "\"labels\":\"not json\"", "\"layerParentId\":0", "\"layerParentId\":{0}", "\"outputFileName\":\"{0}_out\"", "\"isDelete\":0", "\"isDelete\":1",
        "\"errorCode\":\"0\"", "\"errorCode\":15000", "\"statusText\":\"render_task_status_{1}\"", "\"taskKeyValueVo\":{{\"tiles\":null,\"allCamera\":\"cam\"}}",
        "\"raySyncUserKey\":\"k{0}\"", "\"isOpen\":1", "\"big\":123456789012345678901234567890", "\"t\\u0061skAlias2\":\"escaped\"",
    };

    private static string TaskText(Random random, int i, int depth)
    {
        var members = TaskMembers.Where(_ => random.Next(3) > 0).Select(m => string.Format(m, i, random.Next(5) * 5)).ToList();
        if (depth < 2 && random.Next(3) == 0)
        {
            var subs = Enumerable.Range(0, random.Next(4)).Select(k => random.Next(8) == 0 ? "null" : TaskText(random, i * 10 + k, depth + 1));
            members.Add("\"respRenderingTaskList\":[" + string.Join(",", subs) + "]");
        }
        else if (random.Next(5) == 0) members.Add("\"respRenderingTaskList\":" + (random.Next(2) == 0 ? "null" : "{}"));
        return "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
    }

    private static string Shown(RbTask task) => JsonSerializer.Serialize(task);

    [Fact]
    public void Tasks_read_as_the_bytes_stream_and_from_a_document_are_the_tasks_names_looked_up_give()
    {
        var random = new Random(81);
        for (var i = 1; i <= 3000; i++)
        {
            var text = TaskText(random, i, 0);
            using var doc = JsonDocument.Parse(text);
            var expected = Shown(ReferenceTask(doc.RootElement));
            Assert.Equal(expected, Shown(RbTask.FromWire(doc.RootElement)));
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            reader.Read();
            Assert.Equal(expected, Shown(RbTask.Read(ref reader)));
            Assert.False(reader.Read(), "the reader consumed exactly the task");
        }
        Assert.Equal(Shown(ReferenceTask(default)), Shown(RbTask.FromWire(default)));
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
                var expected = RbPage<RbTask>.FromWire((await client.SendAsync(op, body, default)).Data, page, ReferenceTask);
                var streamed = await client.ReadAsync(op, body, (ref Utf8JsonReader r) => RbTask.ReadPage(ref r, page), default);
                Assert.Equal(expected.Items.Select(Shown), streamed.Items.Select(Shown));
                Assert.Equal((expected.PageNum, expected.PageCount, expected.Total), (streamed.PageNum, streamed.PageCount, streamed.Total));
                Assert.Equal(page < 4, streamed.Items.Count == 100);
            }
        }
    }

    private static RbResponse? Envelope(string text, out int code)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return RbRestEnvelope.Read(bytes, bytes.Length, false, "/p", (ref Utf8JsonReader r) => RbTask.ReadPage(ref r, 7), out code, out _, out _, out _);
    }

    [Fact]
    public void An_envelope_read_as_it_streams_is_checked_as_a_parsed_one_is()
    {
        var page = (RbPage<RbTask>)Envelope("{\"data\":{\"items\":[{\"id\":5}],\"total\":1},\"serverTime\":1,\"code\":200,\"requestId\":\"r\"}", out var code)!.Read!;
        Assert.Equal((200, 5L, 7, 1L), (code, page.Items.Single().Id, page.PageNum, page.Total!.Value));
        var none = (RbPage<RbTask>)Envelope("{\"code\":200,\"message\":\"ok\"}", out _)!.Read!;
        Assert.Empty(none.Items);
        Assert.Equal(7, none.PageNum);
        Assert.Null(Envelope("{\"code\":200,\"data\":{\"items\":[1]},\"code\":604}", out code));
        Assert.Equal(604, code);
        Assert.Null(Envelope("{\"code\":500,\"data\":\"oops\"}", out code));
        Assert.Contains("not JSON", Assert.Throws<RbProtocolException>(() => Envelope("<html>502</html>", out _)).Message);
        Assert.Contains("not JSON", Assert.Throws<RbProtocolException>(() => Envelope("{\"code\":200,\"data\":{\"items\":[}", out _)).Message);
        Assert.Contains("not JSON", Assert.Throws<RbProtocolException>(() => Envelope("{\"code\":200} trailing", out _)).Message);
        Assert.Contains("not the Renderbus envelope", Assert.Throws<RbProtocolException>(() => Envelope("[1,2]", out _)).Message);
        Assert.Contains("not the Renderbus envelope", Assert.Throws<RbProtocolException>(() => Envelope("{\"code\":\"200\",\"data\":null}", out _)).Message);
        Assert.Contains("not the Renderbus envelope", Assert.Throws<RbProtocolException>(() => Envelope("{\"code\":200,\"code\":{}}", out _)).Message);
    }
}

/// <summary>
/// The code that runs once per item of a page, in the client and in the emulator, asks to be compiled optimized at once
/// (see RbJit): without it a listing in a fresh PowerShell ran about 3x slower for its first several runs.
/// </summary>
public class PerItemCodeTests
{
    private const System.Reflection.BindingFlags All =
        System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static;

    [Fact]
    public void RbJit_asks_for_AggressiveOptimization()
        => Assert.Equal(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization, RbJit.Optimized);

    public static TheoryData<Type, string> PerItem() => new()
    {
        { typeof(WireBinder<RbTask>), nameof(WireBinder<RbTask>.Read) },
        { typeof(WireBinder<RbTask>), nameof(WireBinder<RbTask>.ReadPage) },
        { typeof(WireReader), nameof(WireReader.Str) },
        { typeof(WireReader), nameof(WireReader.Long) },
        { typeof(WireReader), nameof(WireReader.Int) },
        { typeof(WireReader), nameof(WireReader.Dec) },
        { typeof(WireReader), nameof(WireReader.EpochMs) },
        { typeof(WireReader), nameof(WireReader.Flag) },
        { typeof(WireReader), nameof(WireReader.Plain) },
        { typeof(WireReader), nameof(WireReader.ToPlain) },
        { typeof(WireReader), nameof(WireReader.List) },
        { typeof(WireShape), "Match" },
        { typeof(RbRestEnvelope), nameof(RbRestEnvelope.Read) },
        { typeof(RenderbusPS.Emulator.Store.EmuTask), "WriteJson" },
        { typeof(RenderbusPS.Emulator.Store.EmuFrame), "WriteJson" },
    };

    /// <summary>The reader's overloads (the same names read documents too, which is not per item of a page).</summary>
    [Theory]
    [MemberData(nameof(PerItem))]
    public void A_per_item_method_is_compiled_optimized_at_once(Type type, string name)
    {
        var methods = type.GetMethods(All).Where(m => m.Name == name && (name == "WriteJson" || type == typeof(RbRestEnvelope) || m.GetParameters().Any(p => p.ParameterType == typeof(Utf8JsonReader).MakeByRefType()))).ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(
            m.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization), $"{type.Name}.{m}"));
    }

    [Fact]
    public void The_binders_member_readers_and_the_emulators_page_writer_are_compiled_optimized_at_once()
    {
        // lambdas: the compiler puts them on nested closure types; the attribute must have reached them
        static IEnumerable<System.Reflection.MethodInfo> Lambdas(Type type, string marker) => type.GetNestedTypes(All)
            .SelectMany(t => t.IsGenericTypeDefinition && type.IsConstructedGenericType ? t.MakeGenericType(type.GetGenericArguments()).GetMethods(All) : t.GetMethods(All))
            .Where(m => m.Name.Contains(marker));
        var readers = new[] { "<Str>", "<Long>", "<Int>", "<Dec>", "<EpochMs>", "<Flag>", "<Value>", "<List>" }
            .SelectMany(marker => Lambdas(typeof(WireBinder<>), marker).Where(m => m.GetParameters().Any(p => p.ParameterType.IsByRef)))
            .ToList();
        Assert.Equal(8, readers.Count);
        Assert.All(readers, m => Assert.True(m.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization), m.Name));
        var pageWriter = Lambdas(typeof(RenderbusPS.Emulator.Handlers.EmuRequest), "<WritePage>").ToList();
        Assert.NotEmpty(pageWriter);
        Assert.All(pageWriter, m => Assert.True(m.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization), m.Name));
    }
}
