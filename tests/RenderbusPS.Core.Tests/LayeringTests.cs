using System.Text.RegularExpressions;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Core is a one-way stack: the input rules at the bottom (RbInputRules), then Catalog, Signing, Models, Http,
/// Paging, Api, and the session (RbSession) on top; a layer uses only the layers below it. The exceptions and codes
/// every layer raises (RbExceptions, RbCodes) sit with the rules at the bottom.
/// </summary>
public class LayeringTests
{
    private static readonly string[] Layers = { "Base", "Catalog", "Signing", "Models", "Http", "Paging", "Api",
        "Session" };

    /// <summary>Upward references still in the code (file, the type it uses): none is left, and none may be
    /// added.</summary>
    private static readonly string[] Known = Array.Empty<string>();

    private static string CoreRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RenderbusPS.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "RenderbusPS.Core");
    }

    private static string LayerOf(string relativePath)
    {
        var folder = Path.GetDirectoryName(relativePath)!.Replace('\\', '/');
        if (folder.Length > 0) return folder.Split('/')[0];
        return Path.GetFileName(relativePath) == "RbSession.cs" ? "Session" : "Base";
    }

    /// <summary>The upward references in a set of sources (relative path to text).</summary>
    internal static List<string> UpwardReferences(IReadOnlyDictionary<string, string> sources)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in sources)
        {
            foreach (Match m in Regex.Matches(text,
                @"^    (?:public|internal)(?: \w+)* (?:class|struct|enum|interface|delegate \S+) ([A-Z]\w*)",
                RegexOptions.Multiline))
                declared.TryAdd(m.Groups[1].Value, LayerOf(path));
        }
        var found = new List<string>();
        foreach (var (path, text) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var layer = Array.IndexOf(Layers, LayerOf(path));
            // code only: comments and string literals do not make a dependency
            var code = Regex.Replace(text, @"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\\n]|\\.)*""", " ",
                RegexOptions.Singleline);
            foreach (var name in Regex.Matches(code, @"\b[A-Z]\w*\b").Select(m => m.Value).Distinct().OrderBy(n => n,
                StringComparer.Ordinal))
            {
                if (!declared.TryGetValue(name, out var target) || Array.IndexOf(Layers, target) <= layer) continue;
                found.Add($"{path} uses {name} ({target})");
            }
        }
        return found;
    }

    private static Dictionary<string, string> CoreSources()
    {
        var root = CoreRoot();
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/") && !f.StartsWith("bin/"))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)));
    }

    [Fact]
    public void No_folder_of_Core_uses_one_above_it_beyond_the_known_ones()
    {
        var found = UpwardReferences(CoreSources());
        Assert.Empty(found.Except(Known));
        Assert.Empty(Known.Except(found));
    }

    [Fact]
    public void A_planted_upward_reference_is_found()
    {
        var sources = CoreSources();
        Assert.Empty(UpwardReferences(sources).Except(Known));
        sources["Catalog/Planted.cs"] = "namespace RenderbusPS.Core.Catalog\n{\n    internal static class Planted\n    {\n"
            + "        // RbPager in a comment is no dependency\n        internal static object Client(RbClient c) => c;\n    }\n}\n";
        Assert.Equal(new[] { "Catalog/Planted.cs uses RbClient (Http)" }, UpwardReferences(sources).Except(Known));
    }
}

/// <summary>Core's public surface is what a C# user of Core needs; what only the module, emulator and tests use is
/// internal.</summary>
public class PublicSurfaceTests
{
    [Fact]
    public void Core_exports_fewer_than_60_types_and_no_Api_plumbing()
    {
        var exported = typeof(RbSession).Assembly.GetExportedTypes();
        Assert.InRange(exported.Length, 20, 59);
        Assert.DoesNotContain(exported, t => t.Namespace == "RenderbusPS.Core.Paging");
        Assert.DoesNotContain(exported, t => t.Name.EndsWith("ApiExtensions", StringComparison.Ordinal));
    }
}
