using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Core.Api;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>The bytes of a request and of its answer: bodies written into reused buffers, answers read into pooled
/// ones.</summary>
public class RequestBytesTests
{
    [Fact]
    public void Bodies_written_one_after_another_or_one_inside_another_are_exact()
    {
        var big = new RbBody().Add("taskIds", Enumerable.Range(1, 5000).Select(i => (long)i).ToArray())
            .Add("name", new string('x', 70000));
        var bigText = Encoding.UTF8.GetString(big.ToJsonBytes());
        Assert.StartsWith("{\"taskIds\":[1,2,3,", bigText);
        Assert.EndsWith(new string('x', 10) + "\"}", bigText);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(new RbBody().Add("a", 1).ToJsonBytes()));

        // a list whose enumeration writes another body on the same thread, while the first is half written
        IEnumerable<string> Inner()
        {
            yield return Encoding.UTF8.GetString(
                new RbBody().Add("inner", "é").Add("n", new RbBody().Add("x", 2)).ToJsonBytes());
            yield return "second";
        }
        var outer = new RbBody().Add("list", Inner()).Add("last", 5L);
        using (var doc = System.Text.Json.JsonDocument.Parse(outer.ToJsonBytes()))
        {
            var inner = doc.RootElement.GetProperty("list")[0].GetString()!;
            Assert.Equal("{\"inner\":\"\\u00E9\",\"n\":{\"x\":2}}", inner);
            Assert.Equal("second", doc.RootElement.GetProperty("list")[1].GetString());
            Assert.Equal(5, doc.RootElement.GetProperty("last").GetInt32());
        }
        Assert.Equal("{}", Encoding.UTF8.GetString(new RbBody().ToJsonBytes()));
        Assert.Throws<ArgumentException>(() => new RbBody().Add("bad", 1.5).ToJsonBytes());
        Assert.Equal(
            "{\"after\":\"failure\"}", Encoding.UTF8.GetString(new RbBody().Add("after", "failure").ToJsonBytes()));
    }

    [Fact]
    public async Task An_answer_that_breaks_off_is_retried_and_the_next_one_read_whole()
    {
        using var t = new TestEmulator(taskCount: 300);
        var whole = (await new TasksApi(t.Client).List(new()).ReadAllAsync(default)).Select(x => x.Id).ToList();
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "getTaskList", Reset = true, Count = 1 });
        var tasks = await new TasksApi(t.Client).List(new()).ReadAllAsync(default);
        Assert.True(whole.Count > 250);
        Assert.Equal(whole, tasks.Select(x => x.Id));
        Assert.Equal(new[] { 0, 200 }, t.Emulator.Requests.Select(r => r.Code).Take(2));

        using var once = t.NewClient(o => o.MaxRetries = 0);
        t.Emulator.Faults.Add(new RbFault { Operation = "getTaskList", Reset = true, Count = 1 });
        var ex = await Assert.ThrowsAsync<RbTransportException>(
            () => new TasksApi(once).List(new()).ReadAllAsync(default));
        Assert.False(ex.IsTimeout);
    }

    [Fact]
    public async Task An_answer_whose_body_stalls_times_out_like_a_silent_service()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(stop.Token);
            var stream = socket.GetStream();
            var buffer = new byte[8192];
            var seen = new StringBuilder();
            while (!seen.ToString().Contains("\r\n\r\n")) seen.Append(
                Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, stop.Token)));
            var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"code\":200,\"data\":[";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
        });
        try
        {
            using var client = new RbClient(new RbClientOptions
            {
                Domain = $"http://127.0.0.1:{port}", Credential = new RbCredential(
                    "id", RbCredential.ToSecureString("key")),
                MaxRetries = 0, Timeout = TimeSpan.FromMilliseconds(500),
            });
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<RbTransportException>(() => new AccountApi(client).GetUserAsync(default));
            Assert.True(ex.IsTimeout);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the read of the body was given up at the time-out");
        }
        finally
        {
            stop.Cancel();
            listener.Stop();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serve);
        }
    }
}
