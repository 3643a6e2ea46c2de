using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// A build for the A/B of row g: a staged module (null: the one measured), and what its processes get in their
/// environment.
/// </summary>
internal sealed record BenchVariant(string Label, string? Module, IReadOnlyDictionary<string, string>? Environment);

/// <summary>What the command line asked for.</summary>
internal sealed class BenchOptions
{
    /// <summary>The PowerShell to run rows f, g and h in; null looks for pwsh on PATH.</summary>
    public string? Pwsh { get; private set; }

    /// <summary>The staged module's manifest; null uses out/RenderbusPS/RenderbusPS.psd1 of the repository.</summary>
    public string? Module { get; private set; }

    /// <summary>Groups to run, by their letters (default all).</summary>
    public string Rows { get; private set; } = "abcdefgh";

    /// <summary>Also write the table to this file.</summary>
    public string? Markdown { get; private set; }

    /// <summary>Run row g for this build and each of <see cref="Variants"/>, taking turns, instead of the
    /// table.</summary>
    public bool Ab { get; private set; }

    /// <summary>The other builds of the A/B.</summary>
    public List<BenchVariant> Variants { get; } = new();

    public bool Wants(string letters) => letters.Any(Rows.Contains);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i]
                : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--pwsh": options.Pwsh = Value(); break;
                // the PowerShell processes it starts run in another folder: a relative path is taken from this one now
                case "--module": options.Module = System.IO.Path.GetFullPath(Value()); break;
                case "--rows": options.Rows = Value().ToLowerInvariant(); break;
                case "--markdown": options.Markdown = Value(); break;
                case "--ab": options.Ab = true; break;
                case "--variant":
                    // label=path[;NAME=VALUE...]: a staged module, and what its processes get in their environment
                    var variant = Value().Split('=', 2);
                    if (variant.Length != 2) throw new ArgumentException("--variant takes label=path[;NAME=VALUE...].");
                    var parts = variant[1].Split(';');
                    var environment = parts.Skip(1).Select(p => p.Split('=', 2))
                        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
                    var module = System.IO.Path.GetFullPath(parts[0]);
                    options.Variants.Add(new BenchVariant(variant[0], module, environment));
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        return options;
    }

    public const string Usage =
        "Usage: dotnet run -c Release --project tests/RenderbusPS.Benchmarks -- [--pwsh PATH] [--module PATH.psd1] [--rows abcdefgh] [--markdown FILE]\n" +
        "       [--ab [--variant label=PATH.psd1[;NAME=VALUE]]...]\n" +
        "       dotnet run -c Release --project tests/RenderbusPS.Benchmarks -- --micro [BenchmarkDotNet switches]";
}

/// <summary>
/// The benchmark run: measures every row in this one process run (and the PowerShell processes it starts) and prints
/// one table. A group that breaks prints its rows as FAILED with the reason and the run goes on; the exit code is then
/// 1.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> MainAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
            PwshChild.KillAll();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PwshChild.KillAll();

        var clock = Stopwatch.StartNew();
        void Progress(string what) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {what}");
        if (options.Ab)
        {
            try
            {
                var ab = await AbBench.RunAsync(options, Progress, cancel.Token);
                Console.WriteLine();
                Console.WriteLine(Header());
                Console.WriteLine(ab);
                if (options.Markdown != null) File.WriteAllText(options.Markdown, Header() + Environment.NewLine + ab);
                return 0;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled; no table.");
                return 130;
            }
            finally
            {
                PwshChild.KillAll();
            }
        }
        var rows = new List<Row>();
        var groups = new (
            string Letters, string Title, IReadOnlyList<RowSpec> Specs,
            Func<Action<string>, CancellationToken, Task<IReadOnlyList<Row>>> Run)[]
        {
            ("abcde", "in process: client and emulator, 10,000 tasks", InProcessBench.Specs,
                (p, ct) => InProcessBench.RunAsync(options, p, ct)),
            ("fgh", "in PowerShell", PwshBench.Specs, (p, ct) => PwshBench.RunAsync(options, p, ct)),
        };
        try
        {
            foreach (var group in groups.Where(g => options.Wants(g.Letters)))
            {
                Progress($"Measuring {group.Title}...");
                try
                {
                    rows.AddRange(await group.Run(Progress, cancel.Token));
                }
                catch (Exception ex) when (!cancel.IsCancellationRequested)
                {
                    Progress($"{group.Title}: {ex}");
                    rows.AddRange(
                        group.Specs.Where(s => options.Wants(s.Id.Substring(0, 1))).Select(
                        s => s.Failed($"{ex.GetType().Name}: {ex.Message}")));
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled; no table.");
            return 130;
        }
        finally
        {
            PwshChild.KillAll();
        }
        Progress("Done.");

        var table = Header() + Environment.NewLine + Environment.NewLine + Table.Render(
            rows.OrderBy(r => r.Spec.Id, StringComparer.Ordinal).ToList());
        Console.WriteLine();
        Console.WriteLine(table);
        if (options.Markdown != null) File.WriteAllText(options.Markdown, table);
        return rows.Any(r => r.IsFailure) ? 1 : 0;
    }

    /// <summary>When and where: the machine matters because only ratios compare across machines.</summary>
    private static string Header()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var machine = FormattableString.Invariant(
            $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} cores, {memory:0} GiB, {RuntimeInformation.FrameworkDescription}");
        return FormattableString.Invariant($"RenderbusPS benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, ")
            + machine + PwshBench.VersionNote + ". " +
            "Times are medians of repeated runs; the ratios are the results.";
    }
}
