using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// Rows c and d: the client's own work for one page, timed on this thread with a Stopwatch over many repetitions
/// (median of several batches) and counted with GC.GetAllocatedBytesForCurrentThread.
/// </summary>
internal static class ClientCosts
{
    private const int Batches = 9;

    public static async Task<IReadOnlyList<Row>> MeasureAsync(
        RbEmulator emulator, RbClient client, CancellationToken ct)
    {
        var op = RbCatalog.GetTaskList;
        var path = op.PathFor(client.PathSet)!;
        var bytes = await CapturePageAsync(emulator, client, op, path, ct);
        // c: the envelope and the page's tasks read straight from the answer's bytes, as the task pager does for every
        // page
        RbPage<RbTask> ReadPage() => (RbPage<RbTask>)RbRestEnvelope.Read(bytes, bytes.Length, false, path,
            (ref Utf8JsonReader r) => RbTaskPageReader.Page(ref r, 2), out _, out _, out _, out _)!.Read!;
        var pageItems = ReadPage().Items.Count;
        if (pageItems != RbCatalog.PageLimit) throw new InvalidOperationException(
            $"The captured page holds {pageItems} tasks, not {RbCatalog.PageLimit}.");
        var (parseMs, parseBytes) = Time(50, 300, () => ReadPage().Items.Count);
        const string parser = "RbRestEnvelope.Read + RbTaskPageReader.Page, the pager's path";

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
            using var request = client.BuildRequest(
                stop, stopPath, new RbBody().Add(stop.IdListField!, ids).ToJsonBytes());
            return 1;
        });

        var signUs = signMs * 1000;
        return new[]
        {
            InProcessBench.C1.AtMost(
                $"{Show.Ms(parseMs)}, {Show.Bytes(parseBytes)} allocated (page of {Show.Bytes(bytes.Length)}; envelope by {parser})", parseMs, 1),
            InProcessBench.D1.Check(
                $"{Show.Us(signUs)}, {Show.Bytes(signBytes)} allocated", signUs <= 10 && signBytes <= 2048,
                string.Join(
                    ", ", new[] { signUs > 10 ? "time by " + Show.Percent(signUs / 10 - 1) : null, signBytes > 2048
                    ? "memory by " + Show.Percent(signBytes / 2048 - 1) : null }.Where(s => s != null))),
            InProcessBench.D2.Info($"{Show.Us(bulkMs * 1000)}, {Show.Bytes(bulkBytes)} allocated"),
        };
    }

    /// <summary>The body the task pager sends for one page of an unfiltered listing.</summary>
    internal static RbBody PageBody(int page) => new RbBody().Add("pageNum", page).Add("pageSize", RbCatalog.PageLimit);

    /// <summary>A real 100-task page as the emulator sends it: a signed POST for page 2, the answer's bytes.</summary>
    internal static async Task<byte[]> CapturePageAsync(RbEmulator emulator, RbClient client, RbOperation op,
        string path, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = client.BuildRequest(op, path, PageBody(2).ToJsonBytes());
        using var response = await http.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        using var doc = JsonDocument.Parse(bytes);
        var code = doc.RootElement.GetProperty("code").GetInt32();
        if (code != RbCodes.Success) throw new InvalidOperationException(
            $"The emulator answered code {code} to the captured page request.");
        return bytes;
    }

    /// <summary>Median milliseconds and bytes allocated per call, over <see cref="Batches"/> batches after a
    /// warm-up.</summary>
    internal static (double Ms, double Bytes) Time(int perBatch, int warmUp, Func<int> work)
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
