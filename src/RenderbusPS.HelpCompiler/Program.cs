using RenderbusPS.HelpCompiler;

// Usage: RenderbusPS.HelpCompiler <folder of PlatyPS pages> <output folder>
// Writes one MAML file per "external help file" the pages name (RenderbusPS.dll-Help.xml).
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: RenderbusPS.HelpCompiler <markdown folder> <output folder>");
    return 2;
}
try
{
    var pages = Directory.GetFiles(args[0], "*.md").Order(StringComparer.Ordinal).Select(HelpPage.Parse).ToList();
    Directory.CreateDirectory(args[1]);
    foreach (var file in pages.GroupBy(p => p.ExternalHelpFile))
    {
        if (file.Key.Length == 0)
            throw new FormatException($"{file.First().Name}: the front matter names no 'external help file'.");
        var path = Path.Combine(args[1], file.Key);
        MamlWriter.Write(file, path);
        Console.WriteLine($"Wrote {file.Count()} help pages to {path}");
    }
    return 0;
}
catch (Exception e) when (e is FormatException or IOException)
{
    Console.Error.WriteLine("Help compiler: " + e.Message);
    return 1;
}
