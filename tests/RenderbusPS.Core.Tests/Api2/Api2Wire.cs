using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// API 2.0 written by hand, from the document alone: requests as JSON text over a raw socket (not the library's
/// client), answers parsed as plain JSON.
/// </summary>
internal sealed class Api2Wire
{
    private readonly TestEmulator t;

    public Api2Wire(TestEmulator t) => this.t = t;

    public string Key => t.KeyText();

    /// <summary>A request of the emulator's account and key.</summary>
    public JsonObject Request(string action, JsonObject? body = null) => new()
    {
        ["head"] = new JsonObject
        {
            ["access_key"] = Key, ["account"] = t.Emulator.Account, ["msg_locale"] = "en", ["action"] = action,
        },
        ["body"] = body ?? new JsonObject(),
    };

    public Task<JsonObject> PostAsync(string action, JsonObject? body = null, string path = "/api/v2/task/")
        => PostAsync(Request(action, body), path);

    public async Task<JsonObject> PostAsync(JsonObject request, string path = "/api/v2/task/")
        => Answer(await RawAsync(request.ToJsonString(), path: path));

    /// <summary>Posts bytes exactly as given over a socket; the answer's body text.</summary>
    public async Task<string> RawAsync(string body, string contentType = "application/json",
        string path = "/api/v2/task/",
        string method = "POST")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var socket = new TcpClient();
        await socket.ConnectAsync(t.Emulator.Host == "localhost" ? "localhost" : "127.0.0.1", t.Emulator.Port);
        using var stream = socket.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {t.Emulator.HostAndPort}\r\n"
            + (contentType.Length > 0 ? $"Content-Type: {contentType}\r\n" : "")
            + $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        var headBytes = Encoding.ASCII.GetBytes(head);
        await stream.WriteAsync(headBytes);
        await stream.WriteAsync(bytes);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", text);
        return text.Substring(split + 4);
    }

    public static JsonObject Answer(string text) => (JsonObject)JsonNode.Parse(text)!;

    public static string Result(JsonObject answer) => (string)answer["head"]!["result"]!;

    public static string Code(JsonObject answer) => (string)answer["head"]!["error_code"]!;

    /// <summary>The answer's body after a success (fails the test with the answer's text otherwise).</summary>
    public static JsonObject Ok(JsonObject answer)
    {
        Assert.True(Result(answer) == "0", answer.ToJsonString());
        return (JsonObject)answer["body"]!;
    }

    /// <summary>Every scalar in the answer is a JSON string, as the document types them.</summary>
    public static void AllStrings(JsonNode? node, string where = "$")
    {
        switch (node)
        {
            case JsonObject o: foreach (var kv in o) AllStrings(kv.Value, where + "." + kv.Key); break;
            case JsonArray a: for (var i = 0; i < a.Count; i++) AllStrings(a[i], $"{where}[{i}]"); break;
            case JsonValue v: Assert.True(v.GetValueKind() == JsonValueKind.String, where + " is not a string"); break;
            default: Assert.Fail(where + " is null"); break;
        }
    }

    /// <summary>What the account holds as API 2.0 reads it: every live and deleted task, project and user.</summary>
    public async Task<string> SnapshotAsync()
    {
        var sb = new StringBuilder();
        foreach (var del in new[] { "0", "1" })
            sb.Append(Ok(await PostAsync("query_task", new JsonObject { ["del_flag"] = del, ["is_sub_included"] = "1",
                ["is_jobs_included"] = "1" })).ToJsonString());
        sb.Append(Ok(await PostAsync("query_project", new JsonObject { ["is_sub_included"] = "1" })).ToJsonString());
        sb.Append(Ok(await PostAsync("query_customer")).ToJsonString());
        return sb.ToString();
    }
}
