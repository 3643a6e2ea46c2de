using RenderbusPS.Core.Api;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Talks to the emulator with raw HTTP and a signer written here from the protocol text alone
/// (not RbSigner), to show the emulator accepts an independent signing and rejects tampering.
/// </summary>
public class EmulatorProtocolTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 20);
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        t.Dispose();
    }

    /// <summary>Flat bodies only: enough for these requests, and independent of the library's flattener.</summary>
    private static string IndependentSignature(
        string key, string host, string path, IDictionary<string, string> headers, IDictionary<string, string> flatBody)
    {
        var all = new Dictionary<string, string>(headers);
        foreach (var kv in flatBody) all[kv.Key] = kv.Value;
        var keys = all.Keys.ToList();
        keys.Sort(string.CompareOrdinal);
        var sb = new StringBuilder("[POST]").Append(host).Append(':').Append(path);
        foreach (var k in keys) sb.Append('&').Append(k).Append('=').Append(all[k]);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private Dictionary<string, string> Headers(long timestamp, string nonce) => new()
    {
        ["accessId"] = t.Emulator.AccessId,
        ["channel"] = "4",
        ["platform"] = t.Emulator.Platform.ToString(),
        ["UTCTimestamp"] = timestamp.ToString(),
        ["nonce"] = nonce,
        ["version"] = "2.0.0",
    };

    private async Task<(int code, string message)> PostAsync(
        string path, Dictionary<string, string> headers, string signature, string jsonBody)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, t.Emulator.Domain + path);
        foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        request.Headers.TryAddWithoutValidation("signature", signature);
        request.Content = new StringContent(jsonBody, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("code").GetInt32(), doc.RootElement.GetProperty("message").GetString()!);
    }

    private string Host => new Uri(t.Emulator.Domain).Authority;
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private const string Path = "/api/render/common/queryPlatforms";

    [Fact]
    public async Task Accepts_an_independently_signed_request()
    {
        var headers = Headers(Now, "123456");
        var sig = IndependentSignature(
            t.KeyText(), Host, Path, headers, new Dictionary<string, string> { ["zone"] = "1" });
        var (code, _) = await PostAsync(Path, headers, sig, "{\"zone\":1}");
        Assert.Equal(200, code);
    }

    [Fact]
    public async Task Rejects_a_body_changed_after_signing()
    {
        var headers = Headers(Now, "223456");
        var sig = IndependentSignature(
            t.KeyText(), Host, Path, headers, new Dictionary<string, string> { ["zone"] = "1" });
        var (code, _) = await PostAsync(Path, headers, sig, "{\"zone\":2}");
        Assert.Equal(611, code);
    }

    [Fact]
    public async Task Rejects_a_wrong_key_and_an_unknown_access_id()
    {
        var headers = Headers(Now, "323456");
        var body = new Dictionary<string, string> { ["zone"] = "1" };
        Assert.Equal(
            611, (await PostAsync(
            Path, headers, IndependentSignature("not-the-key", Host, Path, headers, body), "{\"zone\":1}")).code);
        headers["accessId"] = "SOMEONE-ELSE";
        Assert.Equal(
            611, (await PostAsync(
            Path, headers, IndependentSignature(t.KeyText(), Host, Path, headers, body), "{\"zone\":1}")).code);
    }

    [Fact]
    public async Task Rejects_a_stale_timestamp_even_when_correctly_signed()
    {
        var headers = Headers(Now - 6 * 60, "423456");
        var sig = IndependentSignature(
            t.KeyText(), Host, Path, headers, new Dictionary<string, string> { ["zone"] = "1" });
        var (code, message) = await PostAsync(Path, headers, sig, "{\"zone\":1}");
        Assert.Equal(610, code);
        Assert.Contains("expired", message);
    }

    [Fact]
    public async Task Rejects_a_replayed_nonce()
    {
        var headers = Headers(Now, "523456");
        var sig = IndependentSignature(
            t.KeyText(), Host, Path, headers, new Dictionary<string, string> { ["zone"] = "1" });
        Assert.Equal(200, (await PostAsync(Path, headers, sig, "{\"zone\":1}")).code);
        Assert.Equal(603, (await PostAsync(Path, headers, sig, "{\"zone\":1}")).code);
    }

    [Fact]
    public async Task A_signed_request_to_an_unknown_path_answers_400_no_API_in_the_envelope()
    {
        const string path = "/api/render/nothing/here";
        var headers = Headers(Now, "623456");
        var sig = IndependentSignature(t.KeyText(), Host, path, headers, new Dictionary<string, string>());
        var (code, text) = await PostAsync(path, headers, sig, "{}");
        Assert.Equal(400, code);
        Assert.Contains("No API at " + path, text);
    }

    [Fact]
    public async Task The_signature_covers_the_host_and_port_as_configured()
    {
        var headers = Headers(Now, "723456");
        var body = new Dictionary<string, string> { ["zone"] = "1" };
        var withoutPort = IndependentSignature(t.KeyText(), "127.0.0.1", Path, headers, body);
        Assert.Equal(611, (await PostAsync(Path, headers, withoutPort, "{\"zone\":1}")).code);
    }
}
