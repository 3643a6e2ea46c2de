using System.Reflection;
using System.Text.RegularExpressions;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator;

namespace RenderbusPS.Module.Tests;

/// <summary>One API 2.0 action and what reaches it: Core methods marked [RbSendsApi2], whether the emulator has a
/// handler, and the exported cmdlets marked [RbSendsApi2] naming it.</summary>
public sealed record Api2CoverageRow(string Action, IReadOnlyList<string> CoreMethods, bool Served,
    IReadOnlyList<string> Cmdlets);

/// <summary>
/// Issue 16's "Done when": every one of the 14 actions of <see cref="RbApi2Catalog.All"/> has a Core method, an
/// emulator handler and an exported cmdlet reaching it, and this test fails when one is missing.
/// </summary>
public class Api2CoverageTests : IClassFixture<ModuleFixture>
{
    private readonly ModuleContract m;

    public Api2CoverageTests(ModuleFixture fixture) => m = fixture.Module;

    /// <summary>The table the tests walk, derived from the catalog, the Core assembly, the emulator and the
    /// module.</summary>
    private IReadOnlyList<Api2CoverageRow> Table()
    {
        var core = typeof(RbClient).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(mi => mi.GetCustomAttributes<RbSendsApi2Attribute>(false)
                .SelectMany(a => a.Actions.Select(action => (action, name: mi.DeclaringType!.Name + "." + mi.Name))))
            .ToList();
        IReadOnlyCollection<string> served;
        using (var emulator = RbEmulator.Start(new RbEmulatorOptions { TaskCount = 1, Speed = 0 }))
            served = emulator.ServedActions.ToList();
        var cmdlets = Api2Sends();
        return RbApi2Catalog.All.Select(a => new Api2CoverageRow(a.Name,
                core.Where(c => c.action == a.Name).Select(c => c.name).Distinct().OrderBy(n => n).ToList(),
                served.Contains(a.Name),
                cmdlets.Where(kv => kv.Value.Contains(a.Name)).Select(kv => kv.Key).OrderBy(n => n).ToList()))
            .ToList();
    }

    /// <summary>The actions each exported cmdlet names in its [RbSendsApi2] attributes.</summary>
    private Dictionary<string, string[]> Api2Sends()
    {
        var psd1 = File.ReadAllText(Path.Combine(Repo.Root, "RenderbusPS.psd1"));
        var block = Regex.Match(psd1, @"CmdletsToExport\s*=\s*@\((.*?)\)", RegexOptions.Singleline).Groups[1].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(x => x.Groups[1].Value).ToHashSet();
        return m.Cmdlets.Where(c => exported.Contains(c.Name)).ToDictionary(c => c.Name,
            c => m.Assembly.GetType(c.TypeName)!.GetCustomAttributesData()
                .Where(a => a.AttributeType.Name == "RbSendsApi2Attribute")
                .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
                .Select(v => (string)v.Value!).ToArray());
    }

    /// <summary>What is missing, one line per gap.</summary>
    internal static IEnumerable<string> Gaps(IEnumerable<Api2CoverageRow> table)
    {
        foreach (var row in table)
        {
            if (!row.Served) yield return row.Action + " has no emulator handler";
            if (row.CoreMethods.Count == 0) yield return row.Action + " has no Core method marked [RbSendsApi2]";
            if (row.Cmdlets.Count == 0) yield return row.Action + " has no exported cmdlet marked [RbSendsApi2]";
        }
    }

    [Fact]
    public void Every_action_has_a_Core_method_an_emulator_handler_and_an_exported_cmdlet()
    {
        var table = Table();
        Assert.Equal(14, table.Select(r => r.Action).Distinct().Count());
        Assert.Empty(Gaps(table));
    }

    [Fact]
    public void The_walk_fails_for_an_action_missing_any_of_the_three()
    {
        var whole = new Api2CoverageRow("query_task", new[] { "Api2TasksApi.GetTasksAsync" }, true,
            new[] { "Get-RbTask" });
        Assert.Empty(Gaps(new[] { whole }));
        Assert.Equal(new[] { "query_task has no Core method marked [RbSendsApi2]" },
            Gaps(new[] { whole with { CoreMethods = Array.Empty<string>() } }));
        Assert.Equal(new[] { "query_task has no emulator handler" },
            Gaps(new[] { whole with { Served = false } }));
        Assert.Equal(new[] { "query_task has no exported cmdlet marked [RbSendsApi2]" },
            Gaps(new[] { whole with { Cmdlets = Array.Empty<string>() } }));
    }

    [Fact]
    public void Every_action_a_Core_method_or_cmdlet_names_is_in_the_catalog()
    {
        var named = typeof(RbClient).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(mi => mi.GetCustomAttributes<RbSendsApi2Attribute>(false).SelectMany(a => a.Actions))
            .Concat(Api2Sends().Values.SelectMany(v => v));
        Assert.Empty(named.Where(n => RbApi2Catalog.Find(n) == null).Distinct().Select(n => n + " is not an action"));
    }

    [Fact]
    public void About_RenderbusPS_shows_the_table_with_each_action_and_its_cmdlets()
    {
        var about = File.ReadAllText(Path.Combine(Repo.Root, "en-US", "about_RenderbusPS.help.txt"));
        var start = about.IndexOf("API 2.0 ACTIONS AND CMDLETS", StringComparison.Ordinal);
        Assert.True(start > 0, "about_RenderbusPS has no section API 2.0 ACTIONS AND CMDLETS");
        var lines = about.Substring(start).Split('\n').Skip(1).TakeWhile(l => l.Length == 0 || l[0] == ' ')
            .ToList();
        foreach (var row in Table())
        {
            var at = lines.FindIndex(l => Regex.IsMatch(l, @"^\s+" + Regex.Escape(row.Action) + @"\s"));
            Assert.True(at >= 0, $"the table has no line for {row.Action}");
            // a row goes on over the lines indented past the action column
            var text = string.Join(" ", lines.Skip(at).Take(1).Concat(lines.Skip(at + 1)
                .TakeWhile(l => Regex.IsMatch(l, @"^\s{20,}\S"))));
            Assert.All(row.Cmdlets, c => Assert.Matches(@"(^|[\s,(])" + Regex.Escape(c) + @"\b", text));
        }
    }
}
