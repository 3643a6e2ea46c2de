using System.Text.RegularExpressions;

namespace RenderbusPS.HelpCompiler;

/// <summary>One parameter's yaml block; a parameter whose metadata differs by set has one block per set.</summary>
public sealed record ParameterBlock(IReadOnlyList<string> Sets, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string field] => Fields.TryGetValue(field, out var v) ? v : "";
    public bool InSet(string set) => Sets.Contains("(All)") || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);
}

public sealed record HelpParameter(string Name, IReadOnlyList<string> Description,
    IReadOnlyList<ParameterBlock> Blocks);

public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record HelpTypeNote(string TypeName, IReadOnlyList<string> Description);

public sealed record HelpSyntax(string SetName, IReadOnlyList<string> ParameterNames);

/// <summary>A PlatyPS (schema 2.0.0) cmdlet page: the sections the help engine shows.</summary>
public sealed class HelpPage
{
    public string Name { get; private init; } = "";
    public string ExternalHelpFile { get; private init; } = "";
    public IReadOnlyList<string> Synopsis { get; private init; } = [];
    public IReadOnlyList<string> Description { get; private init; } = [];
    public IReadOnlyList<HelpSyntax> Syntax { get; private init; } = [];
    public IReadOnlyList<HelpParameter> Parameters { get; private init; } = [];
    public IReadOnlyList<HelpExample> Examples { get; private init; } = [];
    public IReadOnlyList<HelpTypeNote> Inputs { get; private init; } = [];
    public IReadOnlyList<HelpTypeNote> Outputs { get; private init; } = [];
    public IReadOnlyList<string> Notes { get; private init; } = [];
    public IReadOnlyList<(string Text, string Uri)> Links { get; private init; } = [];

    private static readonly Regex Fence = new(@"^```(\w*)\n(.*?)^```[ \t]*$",
        RegexOptions.Multiline | RegexOptions.Singleline);
    private static readonly Regex Link = new(@"^\[([^\]]+)\]\(([^)]*)\)", RegexOptions.Multiline);

    public static HelpPage Parse(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var front = Regex.Match(text, @"\A---\n(.*?)\n---\n", RegexOptions.Singleline);
        if (!front.Success) throw new FormatException($"{path}: no PlatyPS front matter (--- ... ---).");
        var sections = Split(text.Substring(front.Length), "## ");
        var name = Regex.Match(text, @"^# (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        if (name.Length == 0) throw new FormatException($"{path}: no '# <cmdlet>' title.");
        string Section(string title) => sections.FirstOrDefault(s => s.Head == title).Body ?? "";

        return new HelpPage
        {
            Name = name,
            ExternalHelpFile = Regex.Match(front.Groups[1].Value, @"^external help file:\s*(.+)$",
                RegexOptions.Multiline)
                .Groups[1].Value.Trim(),
            Synopsis = Paragraphs(Section("SYNOPSIS")),
            Description = Paragraphs(Section("DESCRIPTION")),
            Syntax = ReadSyntax(name, Section("SYNTAX")),
            Parameters = Split(Section("PARAMETERS"), "### ")
                .Where(p => p.Head != "CommonParameters").Select(p => ReadParameter(path, p.Head, p.Body)).ToList(),
            Examples = Split(Section("EXAMPLES"), "### ").Select(e => ReadExample(path, e.Head, e.Body)).ToList(),
            Inputs = Split(Section("INPUTS"), "### ").Select(t => new HelpTypeNote(t.Head,
                Paragraphs(t.Body))).ToList(),
            Outputs = Split(Section("OUTPUTS"), "### ").Select(t => new HelpTypeNote(t.Head,
                Paragraphs(t.Body))).ToList(),
            Notes = Paragraphs(Section("NOTES")),
            Links = Link.Matches(Section("RELATED LINKS")).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList(),
        };
    }

    /// <summary>Splits at headings of one level; text before the first heading is dropped.</summary>
    private static List<(string Head, string Body)> Split(string text, string marker)
    {
        var parts = Regex.Split(text, "^" + Regex.Escape(marker), RegexOptions.Multiline).Skip(1);
        return parts.Select(p =>
        {
            var end = p.IndexOf('\n');
            return end < 0 ? (p.Trim(), "") : (p.Substring(0, end).Trim(), p.Substring(end + 1));
        }).ToList();
    }

    private static List<HelpSyntax> ReadSyntax(string cmdlet, string body)
    {
        var sets = Split(body, "### ");
        if (sets.Count == 0) sets.Add(("(All)", body));
        return sets.Select(s =>
        {
            var line = Fence.Match(s.Body).Groups[2].Value;
            if (!line.TrimStart().StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"{cmdlet}: the SYNTAX block of set '{s.Head}' does not start with the "
                    + $"name.");
            var names = Regex.Matches(line, @"(?<=[\[\s])-(\w+)").Select(m => m.Groups[1].Value).ToList();
            return new HelpSyntax(Regex.Replace(s.Head, @"\s*\(Default\)$", ""), names);
        }).ToList();
    }

    private static HelpParameter ReadParameter(string path, string head, string body)
    {
        var fences = Fence.Matches(body).Where(f => f.Groups[1].Value == "yaml").ToList();
        if (fences.Count == 0) throw new FormatException($"{path}: parameter {head} has no yaml block.");
        var blocks = fences.Select(f =>
        {
            var fields = f.Groups[2].Value.Split('\n').Where(l => l.Contains(':'))
                .ToDictionary(l => l.Substring(0, l.IndexOf(':')).Trim(), l => l.Substring(l.IndexOf(':') + 1).Trim(),
                    StringComparer.OrdinalIgnoreCase);
            var sets = (fields.TryGetValue("Parameter Sets", out var s) ? s : "(All)")
                .Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            return new ParameterBlock(sets, fields);
        }).ToList();
        return new HelpParameter(head.TrimStart('-'), Paragraphs(body.Substring(0, fences[0].Index)), blocks);
    }

    private static HelpExample ReadExample(string path, string title, string body)
    {
        var code = Fence.Matches(body).ToList();
        if (code.Count == 0) throw new FormatException($"{path}: example '{title}' has no code block.");
        var remarks = Fence.Replace(body, "\n");
        return new HelpExample(title, string.Join("\n\n", code.Select(c => c.Groups[2].Value.TrimEnd())),
            Paragraphs(remarks));
    }

    /// <summary>Markdown paragraphs as the help engine shows them: soft-wrapped lines joined, each list item its
    /// own.</summary>
    public static IReadOnlyList<string> Paragraphs(string text)
    {
        var result = new List<string>();
        var current = new List<string>();
        void Flush()
        {
            if (current.Count > 0) result.Add(string.Join(" ", current));
            current.Clear();
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) { Flush(); continue; }
            if (Regex.IsMatch(line, @"^([-*]|\d+\.)\s")) Flush();
            current.Add(line);
            if (raw.EndsWith("  ")) Flush();
        }
        Flush();
        return result;
    }
}
