using System.Globalization;
using System.Text;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>One row of the table before it is measured: its id, what it measures and its goal.</summary>
internal sealed record RowSpec(string Id, string What, string Goal)
{
    public Row Info(string measured) => new(this, measured, "info");

    public Row AtMost(string measured, double value, double limit)
        => new(this, measured, value <= limit ? "met" : "missed by " + Show.Percent(value / limit - 1));

    public Row AtLeast(string measured, double value, double limit)
        => new(this, measured, value >= limit ? "met" : "missed by " + Show.Percent(1 - value / limit));

    public Row Check(string measured, bool met, string whyMissed) => new(
        this, measured, met ? "met" : "missed: " + whyMissed);

    /// <summary>The row could not be measured in this setting (no pwsh, a build that does not record it).</summary>
    public Row NotMeasured(string why) => new(this, "not measured: " + why, "not measured");

    /// <summary>The measurement itself broke; the run exits non-zero.</summary>
    public Row Failed(string why) => new(this, "failed: " + OneLine(why, 300), "FAILED");

    /// <summary>A message fit for one table cell: whitespace runs (line breaks included) as one space, cut at
    /// <paramref name="max"/>.</summary>
    private static string OneLine(string text, int max)
    {
        var flat = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return flat.Length <= max ? flat : flat.Substring(0, max) + "...";
    }
}

internal sealed record Row(RowSpec Spec, string Measured, string Result)
{
    public bool IsFailure => Result == "FAILED";
}

/// <summary>Formats figures the same way in every row.</summary>
internal static class Show
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Ms(double ms) => ms >= 100 ? ms.ToString("#,0", C) + " ms" : ms >= 10 ? ms.ToString("0.0", C)
        + " ms" : ms.ToString("0.00", C) + " ms";
    public static string Us(double us) => us.ToString(us >= 100 ? "0" : "0.0", C) + " us";
    public static string Ratio(double r) => r.ToString("0.00", C) + "x";
    public static string Percent(double fraction) => (fraction * 100).ToString("0", C) + " %";
    public static string Count(double n) => n.ToString("#,0", C);

    public static string Bytes(double b)
        => b >= 1 << 20 ? (b / (1 << 20)).ToString("0.0", C) + " MB" : b >= 1024 ? (b / 1024).ToString("0.0", C)
            + " KB" : b.ToString("0", C) + " B";
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The p-th percentile, interpolated between the nearest ranks.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) throw new InvalidOperationException("No samples to summarise.");
        var rank = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

/// <summary>The one table the run prints: a markdown table, readable as it is in a console and pasteable into the
/// README.</summary>
internal static class Table
{
    public static string Render(IReadOnlyList<Row> rows)
    {
        var cells = new List<string[]> { new[] { "Row", "What", "Measured", "Goal", "Result" } };
        cells.AddRange(
            rows.Select(
            r => new[] { r.Spec.Id, r.Spec.What, r.Measured, r.Spec.Goal, r.Result }.Select(v => v.Replace("|", "\\|"))
            .ToArray()));
        var widths = Enumerable.Range(0, 5).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        void Line(string[] c) => text.Append("| ").Append(string.Join(" | ", c.Select((v, i) => v.PadRight(widths[i]))))
            .AppendLine(" |");
        Line(cells[0]);
        text.Append('|').Append(string.Join("|", widths.Select(w => new string('-', w + 2)))).AppendLine("|");
        foreach (var c in cells.Skip(1)) Line(c);
        return text.ToString();
    }
}
