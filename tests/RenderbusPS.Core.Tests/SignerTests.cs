using RenderbusPS.Core.Api;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Tests;

public class SignerTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

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
        var signString = RbSigner.SignString("task.renderbus.com", "/api/render/common/queryPlatforms", GoldenHeaders, Json("{\"zone\":2}"));
        Assert.Equal("[POST]task.renderbus.com:/api/render/common/queryPlatforms&UTCTimestamp=1535957371&accessId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&channel=7&nonce=11886&platform=1&version=1.0.0&zone=2", signString);
        var signature = RbSigner.ComputeSignature(Encoding.UTF8.GetBytes("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), signString);
        Assert.Equal("6tvuz8bgDCz5vtS3amuMWVbOqzhaeWaOhNcWMqx9zcg=", signature);
    }

    [Fact]
    public void Nested_objects_and_arrays_of_objects_flatten_with_dots_and_indexes()
    {
        var body = Json("{\"taksId\":2,\"renderEnvs\":[{\"envId\":1,\"pluginIds\":[2,3,4]},{\"envId\":3,\"pluginIds\":[7,8,10]}],\"meta\":{\"a\":{\"b\":\"x\"}}}");
        var q = RbSigner.CanonicalQuery(Array.Empty<KeyValuePair<string, string>>(), body);
        Assert.Equal("meta.a.b=x&renderEnvs0.envId=1&renderEnvs0.pluginIds0=2&renderEnvs0.pluginIds1=3&renderEnvs0.pluginIds2=4"
            + "&renderEnvs1.envId=3&renderEnvs1.pluginIds0=7&renderEnvs1.pluginIds1=8&renderEnvs1.pluginIds2=10&taksId=2", q);
    }

    [Fact]
    public void More_than_ten_array_items_sort_by_code_point_so_ten_precedes_two()
    {
        var ids = string.Join(",", Enumerable.Range(100, 12));
        var q = RbSigner.CanonicalQuery(Array.Empty<KeyValuePair<string, string>>(), Json("{\"taskIds\":[" + ids + "]}"));
        var keys = q.Split('&').Select(p => p.Split('=')[0]).ToArray();
        Assert.Equal(new[] { "taskIds0", "taskIds1", "taskIds10", "taskIds11", "taskIds2", "taskIds3", "taskIds4", "taskIds5", "taskIds6", "taskIds7", "taskIds8", "taskIds9" }, keys);
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
        Assert.True(string.CompareOrdinal("\U0001F600", "\uFF41") < 0, "UTF-16 unit order would differ: that is what the test guards");
        Assert.True(RbSigner.CodePointOrder.Compare("\uFF41", "\U0001F600") < 0);
        Assert.True(RbSigner.CodePointOrder.Compare("\U0001F600", "\U0001F601") < 0);
        Assert.True(RbSigner.CodePointOrder.Compare("ab", "a") > 0);
        Assert.Equal(0, RbSigner.CodePointOrder.Compare("\U0001F600", "\U0001F600"));
    }

    /// <summary>
    /// The official client's flattener (signature.formatted_headers) names a member "{key}.{name}" unless the key so far
    /// is empty ("if not key"), in which case the member's own name stands alone; an array element is "{key}{index}".
    /// So, by hand: {"a":{"":1}} → "a" + "." + "" = "a."; {"":{"b":2}} → key "" is empty → "b";
    /// {"c":[{"":3}]} → "c0" then "c0."; {"d":{"":{"e":4}}} → "d." then "d..e". Sorted: a. &lt; b &lt; c0. &lt; d..e.
    /// A top-level member named "" with a plain value is the key "" itself: "=5", first in order.
    /// </summary>
    [Fact]
    public void An_empty_key_segment_joins_as_the_official_client_joins_it()
    {
        var none = Array.Empty<KeyValuePair<string, string>>();
        Assert.Equal("a.=1", RbSigner.CanonicalQuery(none, Json("{\"a\":{\"\":1}}")));
        Assert.Equal("a.=1&b=2&c0.=3&d..e=4",
            RbSigner.CanonicalQuery(none, Json("{\"a\":{\"\":1},\"\":{\"b\":2},\"c\":[{\"\":3}],\"d\":{\"\":{\"e\":4}}}")));
        Assert.Equal("=5&z=1", RbSigner.CanonicalQuery(none, Json("{\"z\":1,\"\":5}")));
        Assert.Equal("0=7", RbSigner.CanonicalQuery(none, Json("{\"\":[7]}")));
    }

    [Fact]
    public void Empty_containers_contribute_nothing_and_a_body_field_overrides_a_header()
    {
        var headers = new[] { new KeyValuePair<string, string>("platform", "2"), new KeyValuePair<string, string>("version", "2.0.0") };
        var q = RbSigner.CanonicalQuery(headers, Json("{\"pluginIds\":[],\"extra\":{},\"platform\":21}"));
        Assert.Equal("platform=21&version=2.0.0", q);
    }

    [Fact]
    public void Values_render_as_the_python_client_renders_them()
    {
        var q = RbSigner.CanonicalQuery(Array.Empty<KeyValuePair<string, string>>(), Json("{\"a\":true,\"b\":false,\"c\":null,\"d\":\"false\",\"e\":1.5}"));
        Assert.Equal("a=True&b=False&c=None&d=false&e=1.5", q);
    }

    [Fact]
    public void Non_ascii_text_is_signed_as_raw_utf8()
    {
        var headers = new[] { new KeyValuePair<string, string>("accessId", "AK") };
        var signString = RbSigner.SignString("task.renderbus.com", "/p", headers, Json("{\"sceneName\":\"衣帽间 é.max\"}"));
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
}
