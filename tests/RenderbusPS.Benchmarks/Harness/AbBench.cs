using System.Text;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// <c>--ab</c>: row g for several builds in one run. This build's staged module comes first, then each
/// <c>--variant label=path[;NAME=VALUE...]</c> (another staged module, and what its processes get in their
/// environment); fresh pwsh processes take turns, so every build sees the same load. Prints a table of its own: a
/// column per build and the ratio of each to the first. How the binding and RbJit were measured (see README.md).
/// </summary>
internal static class AbBench
{
    private const int ProcessesPerVariant = 4;

    public static Task<string> RunAsync(BenchOptions options, Action<string> progress, CancellationToken ct)
    {
        var pwsh = PwshBench.FindPwsh(options) ?? throw new InvalidOperationException("--ab needs a pwsh (--pwsh).");
        var module = options.Module ?? PwshBench.StagedModule();
        if (module == null || !File.Exists(module))
            throw new InvalidOperationException("The module is not staged (run ./build.ps1 -Task Build).");
        var variants = new List<BenchVariant> { new("this build", module, null) };
        variants.AddRange(options.Variants);

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
        var lines = new List<(string Row, string What, double[] Values, Func<double, string> Show)>
        {
            ("g1", $"wall time per page, {warm}", g.Select(x => x.WallPerPage).ToArray(), Show.Ms),
            ("g2", $"CPU time per page, {warm}", g.Select(x => x.CpuPerPage).ToArray(), Show.Ms),
            ("g3", "first listing / warm listing", g.Select(x => x.FirstOverWarm).ToArray(), Show.Ratio),
            ("g4 wall", $"wall time per page, {settled}", g.Select(x => x.SettledWallPerPage).ToArray(), Show.Ms),
            ("g4 CPU", $"CPU time per page, {settled}", g.Select(x => x.SettledCpuPerPage).ToArray(), Show.Ms),
        };
        return Task.FromResult(Render(variants.Select(v => v.Label).ToArray(), lines));
    }

    private static string Render(string[] columns,
        List<(string Row, string What, double[] Values, Func<double, string> Show)> lines)
    {
        var text = new StringBuilder();
        text.AppendLine($"A/B of row g: {ProcessesPerVariant} fresh pwsh processes a build, taking turns; "
            + "ratios to the first column.");
        text.AppendLine();
        var header = new[] { "Row", "What" }.Concat(columns).Concat(columns.Skip(1).Select(c => $"{c} / {columns[0]}"))
            .ToArray();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Join("|", header.Select(_ => "---")) + "|");
        foreach (var (row, what, values, show) in lines)
        {
            var cells = new[] { row, what }.Concat(values.Select(show))
                .Concat(values.Skip(1).Select(v => Show.Ratio(v / values[0])));
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }
}
