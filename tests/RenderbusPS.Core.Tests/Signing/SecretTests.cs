using System.Text.Json;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Tests;

/// <summary>The access key never shows: not in exceptions, trace lines, ToString or serialized objects.</summary>
public class SecretTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 10);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task The_key_and_signatures_never_appear_in_traces_errors_or_objects()
    {
        var key = t.KeyText();
        Assert.True(key.Length >= 20);
        var lines = new List<string>();
        var texts = new List<string>();
        RbTrace.Sink = lines.Add;
        try
        {
            var session = await RbSession.ConnectAsync(t.Options(), default);
            texts.Add(session.ToString());
            texts.Add(JsonSerializer.Serialize(session));
            texts.Add(session.Client.ToString());
            texts.Add(t.Emulator.ToString());
            texts.Add(new RbCredential("id", t.Emulator.AccessKey).ToString());
            texts.Add(
                JsonSerializer.Serialize(
                await new TasksApi(session.Client).List(new RbTaskQuery()).ReadAllAsync(default)));
            t.Emulator.Faults.FailNext(1, 611);
            texts.Add(
                (await Assert.ThrowsAsync<RbApiException>(() => new AccountApi(session.Client).GetUserAsync(default)))
                .ToString());
            t.Emulator.Faults.GarbleNext(session.Client.MaxRetries + 1);
            texts.Add(
                (await Assert.ThrowsAsync<RbProtocolException>(
                () => new AccountApi(session.Client).GetUserAsync(default))).ToString());
            using var bad = t.NewClient(
                o => o.Credential = new RbCredential(t.Emulator.AccessId, RbCredential.ToSecureString(key + "x")));
            texts.Add(
                (await Assert.ThrowsAsync<RbApiException>(() => new AccountApi(bad).GetUserAsync(default))).ToString());
            session.Dispose();
        }
        finally
        {
            RbTrace.Sink = null;
        }
        Assert.NotEmpty(lines);
        foreach (var text in texts.Concat(lines))
        {
            Assert.DoesNotContain(key, text);
            Assert.DoesNotContain("signature=", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
