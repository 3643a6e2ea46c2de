namespace RenderbusPS.Module.Tests;

public class HelpTests : IClassFixture<ModuleFixture>
{
    private readonly ModuleContract m;

    public HelpTests(ModuleFixture fixture) => m = fixture.Module;

    private static string PagePath(string cmdlet) => Path.Combine(Repo.Root, "en-US", cmdlet + ".md");

    public static IEnumerable<object[]> CmdletNames()
    {
        using var module = new ModuleContract(Repo.ModuleDll);
        return module.Cmdlets.Select(c => new object[] { c.Name }).ToList();
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_complete_help_page(string cmdlet)
    {
        Assert.True(File.Exists(PagePath(cmdlet)), $"en-US/{cmdlet}.md is missing");
        var page = HelpPage.Parse(PagePath(cmdlet));
        Assert.Equal(cmdlet, page.Title);
        Assert.False(string.IsNullOrWhiteSpace(page.Synopsis), "SYNOPSIS is empty");
        Assert.False(string.IsNullOrWhiteSpace(page.Description), "DESCRIPTION is empty");
        Assert.DoesNotContain("{{", page.Raw);
        Assert.NotEmpty(page.Examples);
        Assert.All(page.Examples, e => Assert.Contains(cmdlet, e.Code));
        Assert.True(page.HasCommonParameters, "CommonParameters section is missing");
        Assert.Contains("external help file: RenderbusPS.dll-Help.xml", page.Raw);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_parameter_is_documented_and_no_documented_parameter_is_stale(string cmdlet)
    {
        var c = m[cmdlet];
        var page = HelpPage.Parse(PagePath(cmdlet));
        var expected = c.Parameters.Select(p => p.Name).ToList();
        if (c.SupportsShouldProcess) expected.AddRange(new[] { "WhatIf", "Confirm" });
        if (c.SupportsPaging) expected.AddRange(new[] { "First", "Skip", "IncludeTotalCount" });
        Assert.Equal(
            expected.OrderBy(x => x, StringComparer.OrdinalIgnoreCase), page.Parameters.Keys.OrderBy(
            x => x, StringComparer.OrdinalIgnoreCase));
        foreach (var p in c.Parameters)
        {
            var yaml = page.Parameters[p.Name];
            Assert.Contains("Type: ", yaml);
            var pipeline = yaml.Split('\n').Single(l => l.StartsWith("Accept pipeline input:"));
            Assert.Equal(p.BindsByPropertyName, pipeline.Contains("ByPropertyName"));
            Assert.Equal(p.Bindings.Any(b => b.ByValue), pipeline.Contains("ByValue"));
            foreach (var alias in p.Aliases) Assert.Contains(
                alias, yaml.Split('\n').Single(l => l.StartsWith("Aliases:")));
            var required = yaml.Split('\n').Where(l => l.StartsWith("Required:")).Select(l => l.Contains("True"))
                .ToList();
            Assert.Contains(p.Bindings.Any(b => b.Mandatory), required);
        }
    }

    /// <summary>Scripts catch by id: every id the module or Core can raise is named in about_RenderbusPS.</summary>
    [Fact]
    public void The_about_topic_lists_every_error_id_the_sources_raise()
    {
        var about = File.ReadAllText(Path.Combine(Repo.Root, "en-US", "about_RenderbusPS.help.txt"));
        var sources = Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar));
        var ids = sources.SelectMany(
            f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"(Rb\\.[A-Z][A-Za-z]+)\"")
            .Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(ids.Count > 40, "found only " + ids.Count + " ids");
        Assert.DoesNotContain(
            ids, id => !System.Text.RegularExpressions.Regex.IsMatch(
            about, System.Text.RegularExpressions.Regex.Escape(id) + "\\b"));
    }

    /// <summary>The README's cmdlet table is the manifest's cmdlets with their help synopses (build.ps1 -Task Docs
    /// writes it).</summary>
    [Fact]
    public void The_README_cmdlet_table_is_the_help_synopses_in_manifest_order()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf("| Cmdlet | What it does |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no cmdlet table");
        var table = readme.Substring(start, readme.IndexOf("\n\n", start, StringComparison.Ordinal) - start);
        var rows = System.Text.RegularExpressions.Regex.Matches(table, @"^\| `([A-Za-z]+-[A-Za-z]+)` \| (.*) \|$",
            System.Text.RegularExpressions.RegexOptions.Multiline).Select(r => (r.Groups[1].Value, r.Groups[2].Value))
                .ToList();
        var manifest = File.ReadAllText(Path.Combine(Repo.Root, "RenderbusPS.psd1"));
        var list = manifest.Substring(manifest.IndexOf("CmdletsToExport", StringComparison.Ordinal));
        var exported = System.Text.RegularExpressions.Regex.Matches(
            list.Substring(0, list.IndexOf(')')), @"'([A-Za-z]+-[A-Za-z]+)'")
            .Select(x => x.Groups[1].Value).ToList();
        Assert.Equal(m.Cmdlets.Select(c => c.Name).OrderBy(n => n), exported.OrderBy(n => n));
        var expected = exported
            .Select(n => (
                n, System.Text.RegularExpressions.Regex.Replace(HelpPage.Parse(PagePath(n)).Synopsis, @"\s+", " ")
                .Replace("|", "\\|")))
            .ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void The_about_topic_lists_exactly_the_exported_cmdlets()
    {
        var about = File.ReadAllText(Path.Combine(Repo.Root, "en-US", "about_RenderbusPS.help.txt"))
            .Replace("\r\n", "\n");
        Assert.StartsWith("TOPIC", about.TrimStart());
        var start = about.IndexOf("\nCMDLETS\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "about_RenderbusPS has no CMDLETS section");
        var section = about.Substring(start, about.IndexOf("\n\n", start + 1, StringComparison.Ordinal) - start);
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"[A-Z][A-Za-z]+-R(b|enderbus)[A-Za-z]*")
            .Select(x => x.Value).OrderBy(n => n).ToList();
        Assert.Equal(m.Cmdlets.Select(c => c.Name).OrderBy(n => n), listed);
    }
}

/// <summary>The house rule that keeps files to one idea: no source file under src/ is over 400 lines.</summary>
public class SourceSizeTests
{
    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToList();
        Assert.True(files.Count > 50, "found only " + files.Count + " files");
        Assert.Empty(files.Select(f => (File: Path.GetRelativePath(Repo.Root, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > 400).Select(f => $"{f.File}: {f.Lines} lines"));
    }
}

/// <summary>
/// Cmdlets stay thin: no file under src/RenderbusPS/Commands is over 100 lines once its parameter declarations (the
/// [Parameter] properties with their attributes, doc comments and the blank line after) are left out.
/// </summary>
public class CmdletSizeTests
{
    internal static int LinesBesidesParameters(IReadOnlyList<string> lines)
    {
        var dropped = new HashSet<int>();
        static bool Lead(string l)
            => l.StartsWith("//", StringComparison.Ordinal) || l.StartsWith("[", StringComparison.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].TrimStart().StartsWith("[Parameter", StringComparison.Ordinal)) continue;
            var first = i;
            while (first > 0 && Lead(lines[first - 1].Trim())) first--;
            var last = i;
            while (last < lines.Count - 1 && lines[last].TrimStart().StartsWith("[", StringComparison.Ordinal)) last++;
            while (last < lines.Count - 1 && !lines[last].TrimEnd().EndsWith("}", StringComparison.Ordinal)
                && !lines[last].TrimEnd().EndsWith(";", StringComparison.Ordinal)) last++;
            if (last + 1 < lines.Count && lines[last + 1].Trim().Length == 0) last++;
            for (var k = first; k <= last; k++) dropped.Add(k);
        }
        return lines.Count - dropped.Count;
    }

    [Fact]
    public void The_measure_leaves_out_parameter_declarations_and_nothing_else()
    {
        var lines = new[]
        {
            "class C", "{", "    /// <summary>Doc.</summary>", "    [Parameter(Mandatory = true)]",
            "    [Alias(\"X\")]",
            "    public long[] Id { get; set; } = Array.Empty<long>();", "",
            "    protected override void ProcessRecord()",
            "    {", "        WriteObject(1);", "    }", "}",
        };
        Assert.Equal(7, LinesBesidesParameters(lines));
    }

    [Fact]
    public void No_cmdlet_file_is_over_100_lines_besides_its_parameter_declarations()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "src", "RenderbusPS", "Commands"), "*.cs",
            SearchOption.AllDirectories);
        Assert.True(files.Length > 40, "found only " + files.Length + " cmdlet files");
        Assert.Empty(files.Select(f => (File: Path.GetRelativePath(Repo.Root, f),
                Lines: LinesBesidesParameters(File.ReadAllLines(f))))
            .Where(f => f.Lines > 100).Select(f => $"{f.File}: {f.Lines} lines besides parameters"));
    }
}
