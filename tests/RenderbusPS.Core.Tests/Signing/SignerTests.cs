using RenderbusPS.Core.Api;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Tests;

public class SignerTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>
    /// Both ways of computing the HMAC: the one-shot call PowerShell 7 has, and the classic object Windows PowerShell
    /// (.NET Framework) falls back to, checked here against RFC 4231's vectors and each other (a short key, one longer
    /// than a block, empty and large messages).
    /// </summary>
    [Theory]
    [InlineData(
        "4a656665", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void The_one_shot_and_the_classic_HMAC_give_RFC_4231s_answers(
        string keyHex, string message, string expectedHex)
    {
        var key = Convert.FromHexString(keyHex);
        var data = Encoding.ASCII.GetBytes(message);
        var oneShot = new byte[RbSigner.MacLength];
        var classic = new byte[RbSigner.MacLength];
        RbSigner.Mac(key, data, oneShot);
        RbSigner.MacClassic(key, data, classic);
        Assert.Equal(expectedHex, Convert.ToHexString(oneShot).ToLowerInvariant());
        Assert.Equal(expectedHex, Convert.ToHexString(classic).ToLowerInvariant());
    }

    [Fact]
    public void The_classic_HMAC_matches_the_one_shot_for_empty_odd_and_large_messages()
    {
        var random = new Random(8);
        foreach (
            var (keyLength, messageLength) in new[] { (1, 0), (32, 1), (64, 63), (65, 64), (200, 100_000),
            (16, 1_000_003) })
        {
            var key = new byte[keyLength];
            var message = new byte[messageLength];
            random.NextBytes(key);
            random.NextBytes(message);
            var oneShot = new byte[RbSigner.MacLength];
            var classic = new byte[RbSigner.MacLength];
            RbSigner.Mac(key, message, oneShot);
            RbSigner.MacClassic(key, message, classic);
            Assert.Equal(HMACSHA256.HashData(key, message), oneShot);
            Assert.Equal(oneShot, classic);
        }
    }

    private static readonly KeyValuePair<string, string>[] GoldenHeaders =
    {
        new("accessId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
        new("channel", "7"),
        new("platform", "1"),
        new("UTCTimestamp", "1535957371"),
        new("nonce", "11886"),
        new("version", "1.0.0"),
        new("signature", "ignored"),
        new("Content-Type", "application/json"),
    };

    [Fact]
    public void Golden_vector_from_the_protocol_document()
    {
        var signString = RbSigner.SignString(
            "task.renderbus.com", "/api/render/common/queryPlatforms", GoldenHeaders, Json("{\"zone\":2}"));
        Assert.Equal(
            "[POST]task.renderbus.com:/api/render/common/queryPlatforms&UTCTimestamp=1535957371&accessId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&channel=7&nonce=11886&platform=1&version=1.0.0&zone=2", signString);
        var signature = RbSigner.ComputeSignature(
            Encoding.UTF8.GetBytes("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), signString);
        Assert.Equal("6tvuz8bgDCz5vtS3amuMWVbOqzhaeWaOhNcWMqx9zcg=", signature);
    }

    [Fact]
    public void Nested_objects_and_arrays_of_objects_flatten_with_dots_and_indexes()
    {
        var body = Json(
            "{\"taksId\":2,\"renderEnvs\":[{\"envId\":1,\"pluginIds\":[2,3,4]},{\"envId\":3,\"pluginIds\":[7,8,10]}],\"meta\":{\"a\":{\"b\":\"x\"}}}");
        var q = RbSigner.CanonicalQuery(Array.Empty<KeyValuePair<string, string>>(), body);
        Assert.Equal(
            "meta.a.b=x&renderEnvs0.envId=1&renderEnvs0.pluginIds0=2&renderEnvs0.pluginIds1=3&renderEnvs0.pluginIds2=4"
            + "&renderEnvs1.envId=3&renderEnvs1.pluginIds0=7&renderEnvs1.pluginIds1=8&renderEnvs1.pluginIds2=10&taksId=2", q);
    }

    [Fact]
    public void More_than_ten_array_items_sort_by_code_point_so_ten_precedes_two()
    {
        var ids = string.Join(",", Enumerable.Range(100, 12));
        var q = RbSigner.CanonicalQuery(
            Array.Empty<KeyValuePair<string, string>>(), Json("{\"taskIds\":[" + ids + "]}"));
        var keys = q.Split('&').Select(p => p.Split('=')[0]).ToArray();
        Assert.Equal(
            new[] { "taskIds0", "taskIds1", "taskIds10", "taskIds11", "taskIds2", "taskIds3", "taskIds4", "taskIds5",
            "taskIds6", "taskIds7", "taskIds8", "taskIds9" }, keys);
        Assert.Contains("taskIds10=110", q);
        Assert.Contains("taskIds2=102", q);
    }

    /// <summary>
    /// The official client sorts the flattened keys with Python's sorted(), which compares str by code point.
    /// U+FF41 (fullwidth a) is one UTF-16 unit, FF41; U+1F600 (an emoji) is the surrogate pair D83D DE00. By code point
    /// FF41 &lt; 1F600, so "ａ" comes first; by UTF-16 unit (StringComparer.Ordinal) D83D &lt; FF41 would put the emoji
    /// first and the signature would not match the service's. Plain ASCII "z" (7A) precedes both either way.
    /// </summary>
    [Fact]
    public void Keys_sort_by_code_point_not_by_UTF16_code_unit()
    {
        var body = Json("{\"\U0001F600\":1,\"\uFF41\":2,\"z\":3}");
        var q = RbSigner.CanonicalQuery(Array.Empty<KeyValuePair<string, string>>(), body);
        Assert.Equal("z=3&\uFF41=2&\U0001F600=1", q);
        Assert.True(
            string.CompareOrdinal("\U0001F600", "\uFF41") < 0,
            "UTF-16 unit order would differ: that is what the test guards");
        Assert.True(RbSigner.CodePointOrder.Compare("\uFF41", "\U0001F600") < 0);
        Assert.True(RbSigner.CodePointOrder.Compare("\U0001F600", "\U0001F601") < 0);
        Assert.True(RbSigner.CodePointOrder.Compare("ab", "a") > 0);
        Assert.Equal(0, RbSigner.CodePointOrder.Compare("\U0001F600", "\U0001F600"));
    }

    /// <summary>
    /// The official client's flattener (signature.formatted_headers) names a member "{key}.{name}" unless the key so
    /// far is empty ("if not key"), in which case the member's own name stands alone; an array element is
    /// "{key}{index}". So, by hand: {"a":{"":1}} → "a" + "." + "" = "a."; {"":{"b":2}} → key "" is empty → "b";
    /// {"c":[{"":3}]} → "c0" then "c0."; {"d":{"":{"e":4}}} → "d." then "d..e". Sorted: a. &lt; b &lt; c0. &lt; d..e. A
    /// top-level member named "" with a plain value is the key "" itself: "=5", first in order.
    /// </summary>
    [Fact]
    public void An_empty_key_segment_joins_as_the_official_client_joins_it()
    {
        var none = Array.Empty<KeyValuePair<string, string>>();
        Assert.Equal("a.=1", RbSigner.CanonicalQuery(none, Json("{\"a\":{\"\":1}}")));
        Assert.Equal("a.=1&b=2&c0.=3&d..e=4",
            RbSigner.CanonicalQuery(
                none, Json("{\"a\":{\"\":1},\"\":{\"b\":2},\"c\":[{\"\":3}],\"d\":{\"\":{\"e\":4}}}")));
        Assert.Equal("=5&z=1", RbSigner.CanonicalQuery(none, Json("{\"z\":1,\"\":5}")));
        Assert.Equal("0=7", RbSigner.CanonicalQuery(none, Json("{\"\":[7]}")));
    }

    [Fact]
    public void Empty_containers_contribute_nothing_and_a_body_field_overrides_a_header()
    {
        var headers = new[] { new KeyValuePair<string, string>("platform", "2"),
            new KeyValuePair<string, string>("version", "2.0.0") };
        var q = RbSigner.CanonicalQuery(headers, Json("{\"pluginIds\":[],\"extra\":{},\"platform\":21}"));
        Assert.Equal("platform=21&version=2.0.0", q);
    }

    [Fact]
    public void Values_render_as_the_python_client_renders_them()
    {
        var q = RbSigner.CanonicalQuery(
            Array.Empty<KeyValuePair<string, string>>(), Json(
            "{\"a\":true,\"b\":false,\"c\":null,\"d\":\"false\",\"e\":1.5}"));
        Assert.Equal("a=True&b=False&c=None&d=false&e=1.5", q);
    }

    [Fact]
    public void Non_ascii_text_is_signed_as_raw_utf8()
    {
        var headers = new[] { new KeyValuePair<string, string>("accessId", "AK") };
        var signString = RbSigner.SignString(
            "task.renderbus.com", "/p", headers, Json("{\"sceneName\":\"衣帽间 é.max\"}"));
        Assert.Equal("[POST]task.renderbus.com:/p&accessId=AK&sceneName=衣帽间 é.max", signString);
        var key = Encoding.UTF8.GetBytes("k€y");
        using var hmac = new HMACSHA256(key);
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(signString)));
        Assert.Equal(expected, RbSigner.ComputeSignature(key, signString));
        Assert.NotEqual(expected, RbSigner.ComputeSignature(key, signString.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Signature_comparison_detects_any_difference()
    {
        Assert.True(RbSigner.SignaturesEqual("abc=", "abc="));
        Assert.False(RbSigner.SignaturesEqual("abc=", "abd="));
        Assert.False(RbSigner.SignaturesEqual("abc=", "abc"));
        Assert.False(RbSigner.SignaturesEqual(null, "abc"));
    }

    /// <summary>
    /// The official client's rule written out plainly, independent of RbSigner: parse the body, flatten it (a member
    /// joins its parent's key with '.' unless that key is empty, an array element appends its index, str() renders
    /// scalars), merge over the signed headers, sort by code point (UTF-32 ordinal), join.
    /// </summary>
    private static string ReferenceSignString(
        string host, string path, IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (
            var h in headers.Where(
            h => h.Key is not ("signature" or "Content-Type" or "languageFlag"))) merged[h.Key] = h.Value;
        void Walk(string key, JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in v.EnumerateObject()) Walk(key == "" ? p.Name : key + "." + p.Name, p.Value);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in v.EnumerateArray()) Walk(key + i++, item);
                    break;
                case JsonValueKind.String: merged[key] = v.GetString()!; break;
                case JsonValueKind.True: merged[key] = "True"; break;
                case JsonValueKind.False: merged[key] = "False"; break;
                case JsonValueKind.Null: merged[key] = "None"; break;
                default: merged[key] = v.GetRawText(); break;
            }
        }
        using (var doc = JsonDocument.Parse(body))
        {
            foreach (var p in doc.RootElement.EnumerateObject()) Walk(p.Name, p.Value);
        }
        static int[] CodePoints(string s) => Enumerable.Range(0, s.Length).Where(i => !char.IsLowSurrogate(s[i]))
            .Select(i => char.ConvertToUtf32(s, i)).ToArray();
        var sorted = merged.Keys.OrderBy(k => CodePoints(k), Comparer<int[]>.Create((a, b) =>
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++) if (a[i] != b[i]) return a[i].CompareTo(b[i]);
            return a.Length.CompareTo(b.Length);
        }));
        return $"[POST]{host}:{path}&" + string.Join("&", sorted.Select(k => k + "=" + merged[k]));
    }

    private static readonly string[] KeyParts = { "a", "taskIds", "", "Z", "\\u00e9t\\u00e9", "\\uFF41",
        "\\uD83D\\uDE00", "\\\"q\\\"", "x.y", "10", "2", "é", "\uFF41", "\U0001F600" };

    /// <summary>A seeded JSON value: nested objects and arrays (some empty), escaped and astral names, repeated names,
    /// every kind of scalar.</summary>
    private static string RandomValue(Random random, int depth)
    {
        switch (depth > 2 ? random.Next(5) : random.Next(8))
        {
            case 0: return random.Next(-1000, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 1: return new[] { "1.5", "-0.25", "1e3", "12345678901234567890", "0" }[random.Next(5)];
            case 2: return "\""
                + new[] { "plain", "衣帽间 é.max", "tab\\t \\\"quoted\\\"", "\\u00e9", "", "\\ud83d\\ude00 emoji",
                "a&b=c" }[random.Next(7)] + "\"";
            case 3: return new[] { "true", "false", "null" }[random.Next(3)];
            case 4: return "\"" + random.Next(100) + "\"";
            case 5:
            case 6:
                var members = Enumerable.Range(0, random.Next(4)).Select(
                    _ => "\"" + KeyParts[random.Next(KeyParts.Length)] + "\":" + RandomValue(random, depth + 1));
                return "{" + string.Join(",", members) + "}";
            default:
                return "[" + string.Join(
                    ",", Enumerable.Range(0, random.Next(13)).Select(_ => RandomValue(random, depth + 1))) + "]";
        }
    }

    [Fact]
    public void Any_body_signs_as_the_official_rule_written_out_independently()
    {
        var random = new Random(88);
        var headers = new[]
        {
            new KeyValuePair<string, string>("accessId", "AK"), new("channel", "4"), new("platform", "2"),
                new("UTCTimestamp", "1700000000"),
            new("nonce", "123456"), new("version", "2.0.0"), new("signature", "x"), new("languageFlag", "1"),
        };
        var key = Encoding.UTF8.GetBytes("k€y-for-tests");
        for (var i = 0; i < 3000; i++)
        {
            var members = Enumerable.Range(0, random.Next(6)).Select(
                _ => "\"" + (random.Next(5) == 0 ? "platform" : KeyParts[random.Next(KeyParts.Length)]) + "\":"
                + RandomValue(random, 0));
            var body = "{" + string.Join(",", members) + "}";
            var expected = ReferenceSignString("task.renderbus.com", "/api/x", headers, body);
            Assert.Equal(
                expected, RbSigner.SignString("task.renderbus.com", "/api/x", headers, Encoding.UTF8.GetBytes(body)));
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(expected, RbSigner.SignString("task.renderbus.com", "/api/x", headers, doc.RootElement));
            using var hmac = new HMACSHA256(key);
            Assert.Equal(
                Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(expected))),
                RbSigner.ComputeSignature(key, expected));
        }
    }

    [Fact]
    public void A_body_that_is_not_one_object_is_refused()
    {
        var none = Array.Empty<KeyValuePair<string, string>>();
        Assert.Throws<ArgumentException>(() => RbSigner.SignString("h", "/p", none, Encoding.UTF8.GetBytes("[1]")));
        Assert.ThrowsAny<JsonException>(
            () => RbSigner.SignString("h", "/p", none, Encoding.UTF8.GetBytes("{\"a\":1} x")));
        Assert.Equal("[POST]h:/p&", RbSigner.SignString("h", "/p", none, Encoding.UTF8.GetBytes("null")));
        Assert.Equal("[POST]h:/p&", RbSigner.SignString("h", "/p", none, default(JsonElement)));
    }

    [Fact]
    public async Task A_built_request_carries_what_it_signed_and_its_signature_checks_out_with_the_key()
    {
        using var t = new TestEmulator(taskCount: 1);
        var op = RenderbusPS.Core.Catalog.RbCatalog.GetTaskList;
        var path = op.PathFor(RenderbusPS.Core.Catalog.RbPathSet.Current)!;
        var nonces = new HashSet<string>();
        foreach (
            var body in new[] { "{}", "{\"pageNum\":3,\"pageSize\":100}",
            "{\"statusList\":[10,20],\"searchKeyword\":\"衣帽间\",\"platform\":9}" })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = t.Client.BuildRequest(op, path, bytes);
            string Header(string name) => Assert.Single(request.Headers.GetValues(name));
            var signed = new[] { "accessId", "channel", "platform", "UTCTimestamp", "nonce", "version" }.Select(
                n => new KeyValuePair<string, string>(n, Header(n))).ToList();
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(t.KeyText()));
            var expected = Convert.ToBase64String(
                hmac.ComputeHash(
                Encoding.UTF8.GetBytes(ReferenceSignString(t.Client.Endpoint.SignHost, path, signed, body))));
            Assert.Equal(expected, Header("signature"));
            Assert.Equal("4", Header("channel"));
            Assert.Equal("2.0.0", Header("version"));
            Assert.Matches("^[1-9][0-9]{5}$", Header("nonce"));
            Assert.True(nonces.Add(Header("nonce")));
            Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
            Assert.Equal(bytes, await request.Content.ReadAsByteArrayAsync());
            Assert.Equal(new Uri(t.Client.Endpoint.BaseUri, path), request.RequestUri);
        }
    }
}
