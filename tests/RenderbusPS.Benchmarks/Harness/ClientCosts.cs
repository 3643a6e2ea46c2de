using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// Rows c and d: the client's own work for one page, timed on this thread with a Stopwatch over many repetitions (median of
/// several batches) and counted with GC.GetAllocatedBytesForCurrentThread.
/// </summary>
internal static class ClientCosts
{
    private const int Batches = 9;

    public static async Task<IReadOnlyList<Row>> MeasureAsync(RbEmulator emulator, RbClient client, CancellationToken ct)
    {
        var op = RbCatalog.GetTaskList;
        var path = op.PathFor(client.PathSet)!;
        var bytes = await CapturePageAsync(emulator, client, op, path, ct);
        var parse = EnvelopeParser(path, out var parser);

        // c: envelope + RbPage<RbTask>.FromWire, as the task pager does for every page
        var pageItems = RbPage<RbTask>.FromWire(parse(bytes), 2, RbTask.FromWire).Items.Count;
        if (pageItems != RbCatalog.PageLimit) throw new InvalidOperationException($"The captured page holds {pageItems} tasks, not {RbCatalog.PageLimit}.");
        var (parseMs, parseBytes) = Time(50, 25, () => RbPage<RbTask>.FromWire(parse(bytes), 2, RbTask.FromWire).Items.Count);

        // d: what the pager does before each request: the body, its JSON, the signed request
        var page = 0;
        var (signMs, signBytes) = Time(4000, 2000, () =>
        {
            page = page % 100 + 1;
            using var request = client.BuildRequest(op, path, PageBody(page).ToJsonBytes());
            return page;
        });
        var stop = RbCatalog.StopTask;
        var stopPath = stop.PathFor(client.PathSet)!;
        var ids = Enumerable.Range(0, 100).Select(i => 1_000_000L + i * 7).ToArray();
        var (bulkMs, bulkBytes) = Time(2000, 1000, () =>
        {
            using var request = client.BuildRequest(stop, stopPath, new RbBody().Add(stop.IdListField!, ids).ToJsonBytes());
            return 1;
        });

        var signUs = signMs * 1000;
        return new[]
        {
            InProcessBench.C1.AtMost($"{Show.Ms(parseMs)}, {Show.Bytes(parseBytes)} allocated (page of {Show.Bytes(bytes.Length)}; envelope by {parser})", parseMs, 1),
            InProcessBench.D1.Check($"{Show.Us(signUs)}, {Show.Bytes(signBytes)} allocated", signUs <= 10 && signBytes <= 2048,
                string.Join(", ", new[] { signUs > 10 ? "time by " + Show.Percent(signUs / 10 - 1) : null, signBytes > 2048 ? "memory by " + Show.Percent(signBytes / 2048 - 1) : null }.Where(s => s != null))),
            InProcessBench.D2.Info($"{Show.Us(bulkMs * 1000)}, {Show.Bytes(bulkBytes)} allocated"),
        };
    }

    /// <summary>The body the task pager sends for one page of an unfiltered listing.</summary>
    private static RbBody PageBody(int page) => new RbBody().Add("pageNum", page).Add("pageSize", RbCatalog.PageLimit);

    /// <summary>A real 100-task page as the emulator sends it: a signed POST for page 2, the answer's bytes.</summary>
    private static async Task<byte[]> CapturePageAsync(RbEmulator emulator, RbClient client, RbOperation op, string path, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = client.BuildRequest(op, path, PageBody(2).ToJsonBytes());
        using var response = await http.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        using var doc = JsonDocument.Parse(bytes);
        var code = doc.RootElement.GetProperty("code").GetInt32();
        if (code != RbCodes.Success) throw new InvalidOperationException($"The emulator answered code {code} to the captured page request.");
        return bytes;
    }

    /// <summary>
    /// The client's own envelope parser (private in RbClient, reached by reflection so this measures the shipped code), or,
    /// when its shape has changed, a stand-in doing what it did when this was written (parse, then clone the data).
    /// </summary>
    private static Func<byte[], JsonElement> EnvelopeParser(string path, out string how)
    {
        var method = typeof(RbClient).GetMethod("ParseEnvelope", BindingFlags.NonPublic | BindingFlags.Static);
        var parameters = method?.GetParameters() ?? Array.Empty<ParameterInfo>();
        var data = method?.ReturnType.GetProperty("Data");
        if (method != null && parameters.Length > 0 && parameters[0].ParameterType == typeof(byte[]) && data?.PropertyType == typeof(JsonElement)
            && parameters.Skip(1).All(p => p.ParameterType == typeof(string) || p.IsOut))
        {
            how = "RbClient's parser";
            return bytes =>
            {
                var args = new object?[parameters.Length];
                args[0] = bytes;
                for (var i = 1; i < args.Length; i++) if (parameters[i].ParameterType == typeof(string)) args[i] = path;
                var response = method.Invoke(null, args) ?? throw new InvalidOperationException("The envelope parser found no data.");
                return (JsonElement)data.GetValue(response)!;
            };
        }
        how = "a stand-in (RbClient's parser changed shape)";
        return bytes =>
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.GetProperty("data").Clone();
        };
    }

    /// <summary>Median milliseconds and bytes allocated per call, over <see cref="Batches"/> batches after a warm-up.</summary>
    private static (double Ms, double Bytes) Time(int perBatch, int warmUp, Func<int> work)
    {
        var sink = 0;
        for (var i = 0; i < warmUp; i++) sink += work();
        var times = new List<double>();
        var allocations = new List<double>();
        for (var b = 0; b < Batches; b++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBatch; i++) sink += work();
            watch.Stop();
            allocations.Add((GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)perBatch);
            times.Add(watch.Elapsed.TotalMilliseconds / perBatch);
        }
        GC.KeepAlive(sink);
        return (Stats.Median(times), Stats.Median(allocations));
    }
}
