using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using RenderbusPS.Core.Api;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// Rows f–h: the module as users run it, in PowerShell processes this run starts (the staged module in
/// out/RenderbusPS).
/// </summary>
internal static class PwshBench
{
    private const int StreamTasks = 100_000;
    private const int ListTasks = 10_000;
    private const int FreshProcesses = 3;
    internal const int ListingsPerProcess = 20;
    // listings 3..5 of a process count as warm; the 2nd only finishes the warm-up
    internal const int WarmFrom = 3, WarmTo = 5;
    // .NET keeps recompiling its own hot code (first instrumented, then optimized with what it learnt) for about the
    // first 15 listings of a process on 2 busy cores; listings 16..20 show the cost once that has settled (row g4, for
    // comparison)
    internal const int SettledFrom = 16;
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(4);
    // about 1,000 pages: generous while the emulator's page time still grows with the account
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromMinutes(10);
    private const int StreamPasses = 3;
    private static readonly TimeSpan SlowPass = TimeSpan.FromSeconds(30);

    public static readonly RowSpec F1 = new(
        "f1", "pwsh: memory streaming 100,000 tasks through Get-RbTask | Measure-Object (emulator in another process)",
        "<= 64 MB");
    public static readonly RowSpec F2 = new("f2",
        "pwsh: memory of Measure-RbTaskCost -By Project, Software over the same 100,000 tasks", "<= 64 MB");
    public static readonly RowSpec G1 = new(
        "g1", "pwsh: 10,000 tasks, no delay, warm: wall time per 100-task page (emulator in the same pwsh)", "<= 5 ms");
    public static readonly RowSpec G2 = new(
        "g2", "pwsh: the same, CPU time per 100-task page, emulator and client together", "<= 5 ms");
    public static readonly RowSpec G3 = new("g3", "pwsh: first listing in a fresh process vs a warm one", "<= 2x");
    public static readonly RowSpec G4 = new(
        "g4", "pwsh: g1 and g2 once .NET has finished recompiling its hot code (listings 16-20)", "-");
    public static readonly RowSpec H1 = new(
        "h1", "pwsh: stopTask calls of Get-RbTask | Stop-RbTask -Confirm:$false, 10,000 tasks", "<= 100");
    public static readonly RowSpec H2 = new(
        "h2", "pwsh: Get-RbTask -Status Rendering | Stop-RbTask on a running farm", "each match stopped once");

    public static IReadOnlyList<RowSpec> Specs { get; } = new[] { F1, F2, G1, G2, G3, G4, H1, H2 };

    /// <summary>"; PowerShell 7.x" for the table's header once a script has said its version.</summary>
    public static string VersionNote { get; private set; } = "";

    private static void NoteVersion(JsonElement result)
    {
        if (result.TryGetProperty("ps", out var version)) VersionNote = "; PowerShell " + version.GetString();
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(
        BenchOptions options, Action<string> progress, CancellationToken ct)
    {
        var wanted = Specs.Where(s => options.Wants(s.Id.Substring(0, 1))).ToList();
        var pwsh = FindPwsh(options);
        if (pwsh == null) return wanted.Select(s => s.NotMeasured("no pwsh")).ToList();
        var module = options.Module ?? StagedModule();
        if (module == null || !File.Exists(module))
            return wanted.Select(s => s.NotMeasured("the module is not staged (run ./build.ps1 -Task Build)")).ToList();

        var rows = new List<Row>();
        async Task Measure(string letter, IReadOnlyList<RowSpec> specs, Func<Task<IReadOnlyList<Row>>> measure)
        {
            if (!options.Wants(letter)) return;
            try
            {
                rows.AddRange(await measure());
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                progress($"{string.Join(", ", specs.Select(s => s.Id))} failed: {ex}");
                rows.AddRange(specs.Select(s => s.Failed(ex.Message)));
            }
        }
        await Measure("f", new[] { F1, F2 }, () => StreamMemoryAsync(pwsh, module, progress, ct));
        await Measure("g", new[] { G1, G2, G3, G4 }, () => Task.FromResult(Listing(pwsh, module, progress, ct)));
        await Measure("h", new[] { H1, H2 }, () => Task.FromResult(StopCalls(pwsh, module, progress, ct)));
        return rows;
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    /// <summary>
    /// Rows f1 and f2. The emulator runs here, so only the client's memory is in the measured process. Each pass, the
    /// script collects garbage and says RB-BASELINE; this samples its working set and private memory for the baseline,
    /// lets it stream every task (f1: Get-RbTask | Measure-Object; f2: Measure-RbTaskCost, which lists and adds up by
    /// itself), and polls for the peak. Three passes, or one when a pass takes longer than <see cref="SlowPass"/>.
    /// </summary>
    private static async Task<IReadOnlyList<Row>> StreamMemoryAsync(string pwsh, string module, Action<string> progress,
        CancellationToken ct)
    {
        progress($"f: starting an emulator with {StreamTasks:#,0} tasks here and a pwsh to stream them");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'A').Replace('/', 'B')
            .TrimEnd('=');
        using var emulator = RbEmulator.Start(
            new RbEmulatorOptions { Seed = 1, TaskCount = StreamTasks, AccessKey = key });
        long expected;
        using (var client = InProcessBench.Connect(emulator, 1))
        using (var probe = new TasksApi(client).List(new RbTaskQuery { PageSize = 1, First = 1 }))
        {
            await probe.NextAsync(ct);
            expected = probe.Total ?? throw new InvalidOperationException(
                "The emulator's task list announced no total.");
        }

        var rows = new List<Row>();
        foreach (var (spec, pipeline) in new[] { (F1, "Count"), (F2, "Cost") })
        {
            // the key goes through the environment, never the command line
            using var child = new PwshChild(pwsh, Script("stream-memory.ps1"),
                new[] { "-Module", module, "-Domain", emulator.Domain, "-Pipeline", pipeline },
                new Dictionary<string, string>
                {
                    ["RAYVISION_API_ACCESS_ID"] = emulator.AccessId, ["RAYVISION_API_KEY"] = key,
                });
            var passes = new List<StreamPass>();
            while (passes.Count < StreamPasses)
            {
                progress($"{spec.Id}: streaming, pass {passes.Count + 1}");
                var pass = await StreamPassAsync(child, ct);
                if (pass.Count != expected)
                {
                    throw new InvalidOperationException(
                        $"The stream counted {pass.Count:#,0} tasks, not the {expected:#,0} the account lists.");
                }
                passes.Add(pass);
                if (pass.Ms > SlowPass.TotalMilliseconds) break;
            }
            child.WaitFor("RB-BASELINE", ChildTimeout, ct);
            child.Send("stop");
            child.Finish(TimeSpan.FromSeconds(20));
            rows.Add(MemoryRow(spec, passes, expected));
        }
        return rows;
    }

    private static Row MemoryRow(RowSpec spec, List<StreamPass> passes, long expected)
    {
        var deltaWs = Stats.Median(passes.Select(p => p.PeakWs - p.BaseWs));
        var deltaPrivate = Stats.Median(passes.Select(p => p.PeakPrivate - p.BasePrivate));
        return spec.AtMost(
            $"peak working set +{Show.Bytes(deltaWs)} (private +{Show.Bytes(deltaPrivate)}) over a baseline of {Show.Bytes(passes[0].BaseWs)}, " +
            $"median of {passes.Count} pass{(passes.Count == 1 ? "" : "es")}; {expected:#,0} tasks in {Show.Ms(Stats.Median(passes.Select(p => p.Ms)))}",
            deltaWs / (1024.0 * 1024), 64);
    }

    private sealed record StreamPass(
        double BaseWs, double BasePrivate, long PeakWs, long PeakPrivate, double Ms, long Count);

    private static async Task<StreamPass> StreamPassAsync(PwshChild child, CancellationToken ct)
    {
        // the process that runs the script (a launcher such as a shell wrapper may stand between)
        var pid = int.Parse(
            child.WaitFor("RB-BASELINE", ChildTimeout, ct), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        var baseline = new List<(long Ws, long Private)>();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            baseline.Add((process.WorkingSet64, process.PrivateMemorySize64));
            await Task.Delay(40, ct);
        }

        long peakWs = 0, peakPrivate = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    process.Refresh();
                    peakWs = Math.Max(peakWs, process.WorkingSet64);
                    peakPrivate = Math.Max(peakPrivate, process.PrivateMemorySize64);
                }
                catch (Exception)
                {
                    break; // it ended
                }
                try { await Task.Delay(15, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        child.Send("go");
        JsonElement result;
        try
        {
            result = child.Result(StreamTimeout, ct);
        }
        finally
        {
            stop.Cancel();
            await sampler;
        }
        NoteVersion(result);
        return new StreamPass(
            Stats.Median(baseline.Select(b => (double)b.Ws)), Stats.Median(baseline.Select(b => (double)b.Private)),
            peakWs, peakPrivate, result.GetProperty("ms").GetDouble(), result.GetProperty("count").GetInt64());
    }

    /// <summary>Row g: fresh processes, each timing its first listing and then warm ones.</summary>
    private static IReadOnlyList<Row> Listing(string pwsh, string module, Action<string> progress, CancellationToken ct)
    {
        var processes = new List<ListingProcess>();
        for (var p = 1; p <= FreshProcesses; p++)
        {
            progress($"g: fresh pwsh {p} of {FreshProcesses}: {ListingsPerProcess} listings of {ListTasks:#,0} tasks");
            processes.Add(RunListingProcess(pwsh, module, null, ct));
        }
        var g = ListingFigures.Of(processes);
        var runsNote = $"median of listings {WarmFrom}-{WarmTo} in {FreshProcesses} processes";
        return new[]
        {
            G1.AtMost($"{Show.Ms(g.WallPerPage)} ({Show.Ms(g.Warm)} a listing; {runsNote})", g.WallPerPage, 5),
            G2.AtMost($"{Show.Ms(g.CpuPerPage)} (process CPU time / pages; {runsNote})", g.CpuPerPage, 5),
            G3.AtMost(
                $"{Show.Ratio(g.FirstOverWarm)} (first {Show.Ms(g.First)}, median of {FreshProcesses} fresh processes; "
                + $"warm {Show.Ms(g.Warm)}; import + emulator + connect before it {Show.Ms(g.Ready)}, not counted)",
                g.FirstOverWarm, 2),
            G4.Info($"wall {Show.Ms(g.SettledWallPerPage)}, CPU {Show.Ms(g.SettledCpuPerPage)} per page "
                + $"(median of listings {SettledFrom}-{ListingsPerProcess} in {FreshProcesses} processes)"),
        };
    }

    /// <summary>One run of Scripts/listing.ps1 in a fresh pwsh: its listings, in order.</summary>
    internal sealed record ListingProcess(double ReadyMs, IReadOnlyList<(double Ms, double CpuMs, int Pages)> Runs);

    /// <summary>What row g reads from some fresh processes: medians of their warm and settled listings.</summary>
    internal sealed record ListingFigures(double WallPerPage, double CpuPerPage, double First, double Warm,
        double Ready, double SettledWallPerPage, double SettledCpuPerPage)
    {
        public double FirstOverWarm => First / Warm;

        public static ListingFigures Of(IReadOnlyList<ListingProcess> processes)
        {
            IEnumerable<(double Ms, double CpuMs, int Pages)> Runs(int from, int to)
                => processes.SelectMany(p => p.Runs.Skip(from - 1).Take(to - from + 1));
            var warm = Runs(WarmFrom, WarmTo).ToList();
            var settled = Runs(SettledFrom, ListingsPerProcess).ToList();
            return new ListingFigures(
                Stats.Median(warm.Select(r => r.Ms / r.Pages)), Stats.Median(warm.Select(r => r.CpuMs / r.Pages)),
                Stats.Median(processes.Select(p => p.Runs[0].Ms)), Stats.Median(warm.Select(r => r.Ms)),
                Stats.Median(processes.Select(p => p.ReadyMs)),
                Stats.Median(settled.Select(r => r.Ms / r.Pages)),
                Stats.Median(settled.Select(r => r.CpuMs / r.Pages)));
        }
    }

    /// <summary>Runs Scripts/listing.ps1 once in a fresh pwsh, with <paramref name="environment"/> added.</summary>
    internal static ListingProcess RunListingProcess(string pwsh, string module,
        IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var arguments = new[]
        {
            "-Module", module, "-TaskCount", ListTasks.ToString(), "-Listings", ListingsPerProcess.ToString(),
        };
        using var child = new PwshChild(pwsh, Script("listing.ps1"), arguments, environment);
        var result = child.Result(ChildTimeout, ct);
        child.Finish(TimeSpan.FromSeconds(20));
        NoteVersion(result);
        var runs = result.GetProperty("runs").EnumerateArray().ToList();
        var counts = runs.Select(r => r.GetProperty("items").GetInt64()).Distinct().ToList();
        if (counts.Count != 1 || counts[0] == 0)
            throw new InvalidOperationException(
                $"The listings of one pwsh process gave {string.Join(", ", counts)} tasks, not one count.");
        return new ListingProcess(result.GetProperty("readyMs").GetDouble(), runs.Select(r => (
            r.GetProperty("ms").GetDouble(), r.GetProperty("cpuMs").GetDouble(),
            Math.Max(1, r.GetProperty("pages").GetInt32()))).ToList());
    }

    /// <summary>The PowerShell for rows f–h, or null.</summary>
    internal static string? FindPwsh(BenchOptions options)
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pwsh.exe" : "pwsh";
        var pwsh = options.Pwsh ?? FindOnPath(name);
        return pwsh != null && File.Exists(pwsh) ? pwsh : null;
    }

    /// <summary>Row h: the stop calls a piped stop makes, and a filtered stop on a farm whose tasks change
    /// underneath.</summary>
    private static IReadOnlyList<Row> StopCalls(
        string pwsh, string module, Action<string> progress, CancellationToken ct)
    {
        progress($"h: Get-RbTask | Stop-RbTask over {ListTasks:#,0} tasks, then -Status Rendering on a running farm");
        using var child = new PwshChild(
            pwsh, Script("stop-calls.ps1"), new[] { "-Module", module, "-TaskCount", ListTasks.ToString() });
        var result = child.Result(ChildTimeout, ct);
        child.Finish(TimeSpan.FromSeconds(20));

        var all = result.GetProperty("all");
        var calls = all.GetProperty("stopCalls").GetInt32();
        var logFull = all.GetProperty("logFull").GetBoolean();
        var callsRow = H1.AtMost(
            $"{(logFull ? ">= " : "")}{calls:#,0} calls carrying {all.GetProperty("stopIds").GetInt64():#,0} ids; " +
            $"{all.GetProperty("refused").GetInt32():#,0} tasks refused (not stoppable); {all.GetProperty("requests").GetInt64():#,0} requests in all",
            calls, 100);

        var running = result.GetProperty("running");
        var listed = running.GetProperty("listed").GetInt32();
        var distinct = running.GetProperty("listedDistinct").GetInt32();
        var stopped = running.GetProperty("stopped").GetInt32();
        var stoppedDistinct = running.GetProperty("stoppedDistinct").GetInt32();
        var missed = running.GetProperty("missed").GetInt32();
        var twice = (listed - distinct) + (stopped - stoppedDistinct);
        var onceRow = H2.Check(
            $"{running.GetProperty("before").GetInt32():#,0} rendering before; the pipeline read {distinct:#,0}, stopped {stoppedDistinct:#,0} " +
            $"({running.GetProperty("refused").GetInt32():#,0} refused: ended meanwhile), {twice} twice, {missed} missed; " +
            $"{running.GetProperty("stopCalls").GetInt32():#,0} stopTask calls",
            twice == 0 && missed == 0 && distinct > 0,
            twice > 0 ? $"{twice} read or stopped twice" : missed > 0 ? $"{missed} left rendering"
                : "nothing was rendering");
        return new[] { callsRow, onceRow };
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(
            Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>out/RenderbusPS/RenderbusPS.psd1 of the repository this program was built from.</summary>
    internal static string? StagedModule()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RenderbusPS.sln"))) return Path.Combine(
                dir.FullName, "out", "RenderbusPS", "RenderbusPS.psd1");
        }
        return null;
    }
}
