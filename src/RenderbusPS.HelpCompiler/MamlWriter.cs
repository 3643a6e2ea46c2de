using System.Xml;
using System.Xml.Linq;

namespace RenderbusPS.HelpCompiler;

/// <summary>Writes pages as one MAML file (the command help schema that Get-Help reads for a binary module).</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static void Write(IEnumerable<HelpPage> pages, string path)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            pages.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(CommandElement));
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n",
            Encoding = new System.Text.UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
    }

    private static XElement CommandElement(HelpPage page)
    {
        var dash = page.Name.IndexOf('-');
        // the prefixes are declared on each command, as help files usually are: declared on helpItems, an
        // "xmlns:command" attribute would shadow the command elements for readers such as PowerShell's [xml]
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", dash < 0 ? page.Name : page.Name.Substring(0, dash)),
                new XElement(Command + "noun", dash < 0 ? "" : page.Name.Substring(dash + 1)),
                Paras(page.Synopsis)),
            Paras(page.Description),
            new XElement(Command + "syntax", page.Syntax.Select(s => SyntaxItem(page, s))),
            new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p, p.Blocks[0],
                inSyntax: false))),
            new XElement(Command + "inputTypes", page.Inputs.Select(i => TypeNote("inputType", i))),
            new XElement(Command + "returnValues", page.Outputs.Select(o => TypeNote("returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", page.Notes.Select(Para))),
            new XElement(Command + "examples", page.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", page.Links.Select(Link)));
    }

    private static XElement SyntaxItem(HelpPage page, HelpSyntax syntax)
    {
        var items = syntax.ParameterNames.Select(name =>
        {
            var p = page.Parameters.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"{page.Name}: SYNTAX names -{name}, which PARAMETERS does not document.");
            var block = p.Blocks.FirstOrDefault(b => b.InSet(syntax.SetName)) ?? p.Blocks[0];
            return Parameter(p, block, inSyntax: true);
        });
        return new XElement(Command + "syntaxItem", new XElement(Maml + "name", page.Name), items);
    }

    private static XElement Parameter(HelpParameter p, ParameterBlock block, bool inSyntax)
    {
        var type = block["Type"];
        var isSwitch = type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
        var aliases = block["Aliases"];
        var values = block["Accepted values"].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        var required = inSyntax ? IsTrue(block["Required"]) : p.Blocks.Any(b => IsTrue(b["Required"]));
        return new XElement(Command + "parameter",
            new XAttribute("required", Bool(required)),
            new XAttribute("variableLength", Bool(type.EndsWith("[]"))),
            new XAttribute("globbing", Bool(IsTrue(block["Accept wildcard characters"]))),
            new XAttribute("pipelineInput", OrDefault(block["Accept pipeline input"], "False")),
            new XAttribute("position", OrDefault(block["Position"], "Named").ToLowerInvariant()),
            new XAttribute("aliases", aliases.Length == 0 || aliases == "None" ? "none" : aliases),
            new XElement(Maml + "name", p.Name),
            inSyntax ? null : Paras(p.Description),
            inSyntax && values.Count > 0
                ? new XElement(Command + "parameterValueGroup",
                    values.Select(v => new XElement(Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                : null,
            inSyntax && isSwitch ? null : new XElement(Command + "parameterValue",
                new XAttribute("required", Bool(!isSwitch)), new XAttribute("variableLength",
                    Bool(type.EndsWith("[]"))),
                isSwitch ? "SwitchParameter" : type),
            new XElement(Dev + "type", new XElement(Maml + "name", isSwitch ? "SwitchParameter" : type)),
            new XElement(Dev + "defaultValue", OrDefault(block["Default value"], isSwitch ? "False" : "None")));
    }

    private static XElement TypeNote(string element, HelpTypeNote note) =>
        new(Command + element, new XElement(Dev + "type", new XElement(Maml + "name", note.TypeName)),
            Paras(note.Description));

    private static XElement Example(HelpExample example) =>
        new(Command + "example",
            new XElement(Maml + "title", Banner(example.Title)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", example.Remarks.Select(Para)));

    // Only absolute addresses become links: Get-Help -Online fails on the relative .md links of the pages
    private static XElement Link((string Text, string Uri) link) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", link.Text),
            new XElement(Maml + "uri", Uri.IsWellFormedUriString(link.Uri, UriKind.Absolute) ? link.Uri : ""));

    /// <summary>The title centred in a rule of dashes, as Get-Help shows built-in examples.</summary>
    public static string Banner(string title)
    {
        const int Width = 64;
        var fill = Width - title.Length - 2;
        if (fill < 4) return title;
        return new string('-', fill / 2) + " " + title + " " + new string('-', fill - fill / 2);
    }

    private static XElement Paras(IEnumerable<string> paragraphs) => new(Maml + "description", paragraphs.Select(Para));
    private static XElement Para(string text) => new(Maml + "para", text);
    private static bool IsTrue(string value) => value.StartsWith("True", StringComparison.OrdinalIgnoreCase);
    private static string Bool(bool value) => value ? "true" : "false";
    private static string OrDefault(string value, string fallback) => value.Length == 0 ? fallback : value;
}
