using System.Text;
using System.Text.Json;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// <c>--ab</c>: the task page read by the hand-written binder against the System.Text.Json binding, in one run. Rows a, c
/// and e in this process, the reader switched between listings (and between batches of c); row g in fresh pwsh processes
/// taking turns, the binder's with RB_WIRE_READER=hand. Each <c>--variant label=path</c> adds row g for another staged
/// module (a build without RbJit). Prints a table of its own: a column per variant and the ratio to the first.
/// </summary>
internal static class AbBench
{
    private const int NoDelayRuns = 7;
    private const int DelayRuns = 3;
    private const int ProcessesPerVariant = 4;

    public static async Task<string> RunAsync(BenchOptions options, Action<string> progress, CancellationToken ct)
    {
        var lines = new List<(string Row, string What, double[] Values, Func<double, string> Show)>();
        var readers = new[] { "hand-written binder", "binding" };
        if (options.Wants("ace")) await InProcessAsync(lines, progress, ct);

        var variants = new List<BenchVariant>
        {
            new(readers[0], null, new Dictionary<string, string> { ["RB_WIRE_READER"] = "hand" }),
            new(readers[1], null, null),
        };
        variants.AddRange(options.Variants);
        var pwsh = PwshBench.FindPwsh(options);
        var module = options.Module ?? PwshBench.StagedModule();
        if (options.Wants("g") && pwsh != null && module != null && File.Exists(module))
        {
            var processes = variants.ToDictionary(v => v.Label, _ => new List<PwshBench.ListingProcess>());
            for (var p = 1; p <= ProcessesPerVariant; p++)
            {
                foreach (var v in variants)
                {
                    progress($"g: {v.Label}, fresh pwsh {p} of {ProcessesPerVariant}");
                    processes[v.Label].Add(PwshBench.RunListingProcess(pwsh, v.Module ?? module, v.Environment, ct));
                }
            }
            var g = variants.Select(v => PwshBench.ListingFigures.Of(processes[v.Label])).ToArray();
            var warm = $"listings {PwshBench.WarmFrom}-{PwshBench.WarmTo}";
            var settled = $"listings {PwshBench.SettledFrom}-{PwshBench.ListingsPerProcess}";
            lines.Add(("g1", $"pwsh wall time per page, {warm}", g.Select(x => x.WallPerPage).ToArray(), Show.Ms));
            lines.Add(("g2", $"pwsh CPU time per page, {warm}", g.Select(x => x.CpuPerPage).ToArray(), Show.Ms));
            lines.Add(("g3", "pwsh first listing / warm listing", g.Select(x => x.FirstOverWarm).ToArray(), Show.Ratio));
            lines.Add(("g4 wall", $"pwsh wall time per page, {settled}", g.Select(x => x.SettledWallPerPage).ToArray(), Show.Ms));
            lines.Add(("g4 CPU", $"pwsh CPU time per page, {settled}", g.Select(x => x.SettledCpuPerPage).ToArray(), Show.Ms));
        }
        var columns = variants.Select(v => v.Label).ToArray();
        return Render(columns, lines, $"{ProcessesPerVariant} fresh pwsh processes a variant, taking turns");
    }

    private static async Task InProcessAsync(List<(string, string, double[], Func<double, string>)> lines,
        Action<string> progress, CancellationToken ct)
    {
        using var emulator = RbEmulator.Start(new RbEmulatorOptions { Seed = 1, TaskCount = InProcessBench.TaskCount });
        using var one = InProcessBench.Connect(emulator, 1);
        using var standard = InProcessBench.Connect(emulator, RbInputRules.DefaultThrottleLimit);
        var byHand = new[] { true, false };
        try
        {
            foreach (var hand in byHand)
            {
                RbTask.ReadByHand = hand;
                await InProcessBench.ListAsync(emulator, one, ct);
                await InProcessBench.ListAsync(emulator, standard, ct);
            }

            progress("c: one 100-task page, the two readers in turns");
            var op = RbCatalog.GetTaskList;
            var path = op.PathFor(standard.PathSet)!;
            var bytes = await ClientCosts.CapturePageAsync(emulator, standard, op, path, ct);
            int ReadPage() => ((RbPage<RbTask>)RbRestEnvelope.Read(bytes, bytes.Length, false, path,
                (ref Utf8JsonReader r) => RbTask.ReadPage(ref r, 2), out _, out _, out _, out _)!.Read!).Items.Count;
            var parse = byHand.ToDictionary(h => h, _ => (Ms: new List<double>(), Bytes: new List<double>()));
            for (var round = 0; round < 5; round++)
            {
                foreach (var hand in byHand)
                {
                    RbTask.ReadByHand = hand;
                    var (ms, allocated) = ClientCosts.Time(50, round == 0 ? 300 : 20, ReadPage);
                    parse[hand].Ms.Add(ms);
                    parse[hand].Bytes.Add(allocated);
                }
            }
            lines.Add(("c1", "parse one 100-task page (envelope + tasks)", byHand.Select(h => Stats.Median(parse[h].Ms)).ToArray(), Show.Ms));
            lines.Add(("c1 KB", "allocated parsing it", byHand.Select(h => Stats.Median(parse[h].Bytes) / 1024).ToArray(),
                v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB"));

            progress($"a, e: {NoDelayRuns} listings each with no delay, then {DelayRuns} with {InProcessBench.DelayMs} ms, readers in turns");
            var quick = byHand.ToDictionary(h => h, _ => new List<InProcessBench.Listing>());
            for (var i = 0; i < NoDelayRuns; i++)
            {
                foreach (var hand in byHand)
                {
                    RbTask.ReadByHand = hand;
                    quick[hand].Add(await InProcessBench.ListAsync(emulator, standard, ct));
                }
            }
            var slow1 = byHand.ToDictionary(h => h, _ => new List<double>());
            var slowN = byHand.ToDictionary(h => h, _ => new List<double>());
            emulator.Faults.Delay = TimeSpan.FromMilliseconds(InProcessBench.DelayMs);
            try
            {
                for (var i = 0; i < DelayRuns; i++)
                {
                    foreach (var hand in byHand)
                    {
                        RbTask.ReadByHand = hand;
                        slow1[hand].Add((await InProcessBench.ListAsync(emulator, one, ct)).Ms);
                        slowN[hand].Add((await InProcessBench.ListAsync(emulator, standard, ct)).Ms);
                    }
                }
            }
            finally
            {
                emulator.Faults.Delay = TimeSpan.Zero;
            }
            lines.Add(("a1", "10,000 tasks, 50 ms a request, ThrottleLimit 1", byHand.Select(h => Stats.Median(slow1[h])).ToArray(), Show.Ms));
            lines.Add(("a2", "the same, ThrottleLimit 4", byHand.Select(h => Stats.Median(slowN[h])).ToArray(), Show.Ms));
            lines.Add(("a3", "a1 / a2", byHand.Select(h => Stats.Median(slow1[h]) / Stats.Median(slowN[h])).ToArray(), Show.Ratio));
            lines.Add(("T0", "the listing with no delay, ThrottleLimit 4", byHand.Select(h => Stats.Median(quick[h].Select(l => l.Ms))).ToArray(), Show.Ms));
            lines.Add(("e1", "allocated per page of that listing (client + emulator)",
                byHand.Select(h => Stats.Median(quick[h].Select(l => l.Allocated / (double)l.Pages))).ToArray(), Show.Bytes));
            var same = quick[true].Concat(quick[false]).All(l => l.Ids.SequenceEqual(quick[true][0].Ids));
            if (!same) throw new InvalidOperationException("The two readers listed different tasks.");
        }
        finally
        {
            RbTask.ReadByHand = false;
        }
    }

    private static string Render(string[] columns, List<(string Row, string What, double[] Values, Func<double, string> Show)> lines, string note)
    {
        var text = new StringBuilder();
        text.AppendLine($"A/B, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {note}; ratios to the first column.");
        text.AppendLine();
        var header = new[] { "Row", "What" }.Concat(columns).Concat(columns.Skip(1).Select(c => $"{c} / {columns[0]}")).ToArray();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Join("|", header.Select(_ => "---")) + "|");
        foreach (var (row, what, values, show) in lines)
        {
            var cells = new[] { row, what }.Concat(columns.Select((_, i) => i < values.Length ? show(values[i]) : "-"))
                .Concat(columns.Skip(1).Select((_, i) => i + 1 < values.Length ? Show.Ratio(values[i + 1] / values[0]) : "-"));
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }
}
