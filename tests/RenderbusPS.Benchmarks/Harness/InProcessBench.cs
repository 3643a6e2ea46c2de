using System.Diagnostics;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// Rows a–e: one emulator with 10,000 tasks and two clients (ThrottleLimit 1 and the default) in this process, on
/// loopback.
/// </summary>
internal static class InProcessBench
{
    internal const int TaskCount = 10_000;
    internal const int DelayMs = 50;
    private const int NoDelayRuns = 5;
    private const int DelayRuns = 3;
    private static readonly int DefaultLimit = RbInputRules.DefaultThrottleLimit;
    private static readonly string ListOp = RbCatalog.GetTaskList.Name;

    public static readonly RowSpec A1 = new(
        "a1", "List every task of a 10,000-task account, 50 ms per request, ThrottleLimit 1", "-");
    public static readonly RowSpec A2 = new("a2", $"The same with ThrottleLimit {DefaultLimit} (the default)", "-");
    public static readonly RowSpec A3 = new(
        "a3", $"Speed-up of ThrottleLimit {DefaultLimit} over 1 (a1 / a2)", ">= 3x");
    public static readonly RowSpec A4 = new(
        "a4", $"ThrottleLimit {DefaultLimit} over the floor (a2 / floor)", "<= 1.3x");
    public static readonly RowSpec A5 = new(
        "a5", "Pages requested per listing; every task once, in the service's order", "each page once");
    public static readonly RowSpec B1 = new("b1", "Emulator server time per 100-task page (getTaskList)", "<= 3 ms");
    public static readonly RowSpec C1 = new("c1", "Client: parse one 100-task page into models", "<= 1 ms");
    public static readonly RowSpec D1 = new(
        "d1", "Client: sign + serialise one getTaskList request", "<= 10 us, <= 2 KB");
    public static readonly RowSpec D2 = new("d2", "Client: sign + serialise one 100-id stopTask request", "-");
    public static readonly RowSpec E1 = new(
        "e1", "Allocated per 100-task page, warm listing (client + emulator in one process)", "-");

    public static IReadOnlyList<RowSpec> Specs { get; } = new[] { A1, A2, A3, A4, A5, B1, C1, D1, D2, E1 };

    internal sealed record Listing(double Ms, long[] Ids, int Pages, long Allocated,
        IReadOnlyList<RbEmulatorRequest> PageRequests);

    public static async Task<IReadOnlyList<Row>> RunAsync(
        BenchOptions options, Action<string> progress, CancellationToken ct)
    {
        using var emulator = RbEmulator.Start(new RbEmulatorOptions { Seed = 1, TaskCount = TaskCount });
        using var one = Connect(emulator, 1);
        using var standard = Connect(emulator, DefaultLimit);
        var rows = new List<Row>();

        // warm-up: both sides compiled, connections open; the sequential listing is the reference order
        var reference = await ListAsync(emulator, one, ct);
        await ListAsync(emulator, standard, ct);
        // the account's live list (the emulator seeds some of its tasks into the recycle bin)
        var listed = reference.Ids.Length;
        var expectedPages = (listed + RbCatalog.PageLimit - 1) / RbCatalog.PageLimit;

        if (options.Wants("cd"))
        {
            progress("c, d: client parse and sign costs");
            var costs = await ClientCosts.MeasureAsync(emulator, standard, ct);
            rows.AddRange(costs.Where(r => options.Wants(r.Spec.Id.Substring(0, 1))));
        }
        if (!options.Wants("abe")) return rows;

        progress($"a, b, e: {NoDelayRuns} listings each with no delay");
        var zero1 = new List<Listing>();
        var zeroN = new List<Listing>();
        for (var i = 0; i < NoDelayRuns; i++)
        {
            zero1.Add(await ListAsync(emulator, one, ct));
            zeroN.Add(await ListAsync(emulator, standard, ct));
        }
        var roundTripCost = await SmallestRequestMsAsync(standard, ct);

        var slow1 = new List<Listing>();
        var slowN = new List<Listing>();
        if (options.Wants("a"))
        {
            progress($"a: {DelayRuns} listings each with {DelayMs} ms per request");
            emulator.Faults.Delay = TimeSpan.FromMilliseconds(DelayMs);
            try
            {
                for (var i = 0; i < DelayRuns; i++)
                {
                    slow1.Add(await ListAsync(emulator, one, ct));
                    slowN.Add(await ListAsync(emulator, standard, ct));
                }
            }
            finally
            {
                emulator.Faults.Delay = TimeSpan.Zero;
            }

            var t1 = Stats.Median(slow1.Select(l => l.Ms));
            var tN = Stats.Median(slowN.Select(l => l.Ms));
            var t0 = Stats.Median(zeroN.Select(l => l.Ms));
            var roundTrip = DelayMs + roundTripCost;
            var rounds = 1 + (int)Math.Ceiling((expectedPages - 1) / (double)DefaultLimit);
            var floor = rounds * roundTrip + t0;
            rows.Add(A1.Info($"{Show.Ms(t1)} (median of {DelayRuns})"));
            rows.Add(A2.Info($"{Show.Ms(tN)} (median of {DelayRuns})"));
            rows.Add(A3.AtLeast(Show.Ratio(t1 / tN), t1 / tN, 3));
            rows.Add(A4.AtMost(
                $"{Show.Ratio(tN / floor)} (floor {Show.Ms(floor)} = {rounds} round trips of {Show.Ms(roundTrip)} + {Show.Ms(t0)} with no delay)",
                tN / floor, 1.3));

            var all = zero1.Concat(zeroN).Concat(slow1).Concat(slowN).ToList();
            var pagesOk = all.All(l => l.Pages == expectedPages);
            var itemsOk = listed > 0 && all.All(l => l.Ids.Length == listed && l.Ids.Distinct().Count() == listed);
            var orderOk = all.All(l => l.Ids.SequenceEqual(reference.Ids));
            string Pages(IEnumerable<Listing> ls) => string.Join(
                "/", ls.Select(l => l.Pages).Distinct().OrderBy(p => p));
            rows.Add(A5.Check(
                $"limit 1: {Pages(zero1.Concat(slow1))}, limit {DefaultLimit}: {Pages(zeroN.Concat(slowN))} requests for {expectedPages} pages " +
                $"({all.Count} listings); {(itemsOk ? $"{Show.Count(listed)} distinct tasks each" : "tasks missing or repeated")}, order {(orderOk ? "the same" : "DIFFERS")}",
                pagesOk && itemsOk && orderOk,
                !pagesOk ? "a page was requested twice or not at all" : !itemsOk ? "tasks missing or repeated"
                    : "order differs from ThrottleLimit 1"));
        }

        if (options.Wants("b"))
        {
            var pages = zero1.Concat(zeroN).SelectMany(l => l.PageRequests).Where(r => r.ResponseBytes > 0).ToList();
            if (pages.Count == 0)
            {
                rows.Add(B1.NotMeasured("this emulator build records no ServerTime/ResponseBytes per request"));
            }
            else
            {
                var ms = pages.Select(r => r.ServerTime.TotalMilliseconds).ToList();
                var median = Stats.Median(ms);
                rows.Add(B1.AtMost(
                    $"median {Show.Ms(median)}, p90 {Show.Ms(Stats.Percentile(ms, 90))} ({pages.Count} pages of {Show.Bytes(Stats.Median(pages.Select(r => (double)r.ResponseBytes)))})",
                    median, 3));
            }
        }

        if (options.Wants("e"))
        {
            var perPage = Stats.Median(zeroN.Select(l => l.Allocated / (double)l.Pages));
            var perListing = Stats.Median(zeroN.Select(l => (double)l.Allocated));
            rows.Add(
                E1.Info($"{Show.Bytes(perPage)} per page ({Show.Bytes(perListing)} per listing, median of {NoDelayRuns}; ThrottleLimit {DefaultLimit})"));
        }
        return rows;
    }

    internal static RbClient Connect(RbEmulator emulator, int throttleLimit) => new(new RbClientOptions
    {
        Domain = emulator.Domain,
        Platform = emulator.Platform,
        Credential = RbCredential.Create(emulator.AccessId, emulator.AccessKey),
        ThrottleLimit = throttleLimit,
    });

    /// <summary>Lists every task as a script does (page by page, as they stream), with the pages the emulator
    /// answered.</summary>
    internal static async Task<Listing> ListAsync(RbEmulator emulator, RbClient client, CancellationToken ct)
    {
        emulator.ClearRequests();
        var ids = new List<long>(TaskCount);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        using (var pager = new TasksApi(client).List(new RbTaskQuery()))
        {
            while (!pager.IsDone)
            {
                foreach (var task in await pager.NextAsync(ct)) ids.Add(task.Id);
            }
        }
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var pages = emulator.Requests.Where(r => r.Operation == ListOp).ToList();
        return new Listing(watch.Elapsed.TotalMilliseconds, ids.ToArray(), pages.Count, allocated, pages);
    }

    /// <summary>
    /// The fixed cost of one round trip with no injected delay: the median time of a one-task page (signing, HTTP on
    /// loopback, the emulator's routing and signature check, the envelope), which the injected delay is added to.
    /// </summary>
    internal static async Task<double> SmallestRequestMsAsync(RbClient client, CancellationToken ct)
    {
        var samples = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var watch = Stopwatch.StartNew();
            using (var pager = new TasksApi(client).List(new RbTaskQuery { PageSize = 1, First = 1 }))
            {
                await pager.NextAsync(ct);
            }
            if (i >= 5) samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Stats.Median(samples);
    }
}
