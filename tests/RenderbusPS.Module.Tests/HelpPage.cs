using System.Text.RegularExpressions;

namespace RenderbusPS.Module.Tests;

/// <summary>A PlatyPS markdown page read into its parts.</summary>
public sealed class HelpPage
{
    public string Title { get; private init; } = "";
    public string Synopsis { get; private init; } = "";
    public string Description { get; private init; } = "";
    public IReadOnlyList<(string Title, string Code)> Examples { get; private init; } = Array.Empty<(string, string)>();
    /// <summary>Documented parameters and the text of their yaml block.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; private init; } = new Dictionary<string, string>();
    public bool HasCommonParameters { get; private init; }
    public string Raw { get; private init; } = "";

    public static HelpPage Parse(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var sections = Regex.Split(text, @"^## ", RegexOptions.Multiline).Skip(1)
            .Select(s => (Name: s.Substring(0, s.IndexOf('\n')).Trim(), Body: s.Substring(s.IndexOf('\n') + 1)))
            .ToDictionary(s => s.Name, s => s.Body);
        string Section(string name) => sections.TryGetValue(name, out var b) ? b.Trim() : "";

        var examples = Regex.Split(Section("EXAMPLES"), @"^### ", RegexOptions.Multiline).Skip(1).Select(e =>
        {
            var code = Regex.Match(e, "```powershell\n(.*?)```", RegexOptions.Singleline);
            return (e.Substring(0, e.IndexOf('\n')).Trim(), code.Success ? code.Groups[1].Value.Trim() : "");
        }).ToList();

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var common = false;
        foreach (var p in Regex.Split(Section("PARAMETERS"), @"^### ", RegexOptions.Multiline).Skip(1))
        {
            var head = p.Substring(0, p.IndexOf('\n')).Trim();
            if (head == "CommonParameters") { common = true; continue; }
            var yaml = Regex.Match(p, "```yaml\n(.*?)```", RegexOptions.Singleline);
            parameters[head.TrimStart('-')] = yaml.Success ? yaml.Groups[1].Value : "";
        }
        return new HelpPage
        {
            Title = Regex.Match(text, @"^# (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim(),
            Synopsis = Section("SYNOPSIS"),
            Description = Section("DESCRIPTION"),
            Examples = examples,
            Parameters = parameters,
            HasCommonParameters = common,
            Raw = text,
        };
    }
}
