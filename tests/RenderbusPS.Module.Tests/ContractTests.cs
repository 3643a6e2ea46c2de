using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RenderbusPS.Module.Tests;

public sealed class ModuleFixture : IDisposable
{
    public ModuleContract Module { get; } = new(Repo.ModuleDll);
    public void Dispose() => Module.Dispose();
}

public class ContractTests : IClassFixture<ModuleFixture>
{
    private const string Task = "RenderbusPS.Core.Models.RbTask";
    private readonly ModuleContract m;

    public ContractTests(ModuleFixture fixture) => m = fixture.Module;

    [Fact]
    public void Every_cmdlet_keeps_the_house_rules()
        => Assert.Empty(m.Violations());

    [Fact]
    public void The_checker_finds_every_fault_planted_in_the_fixture()
    {
        using var broken = new ModuleContract(Repo.FixtureDll);
        Assert.Equal(new[]
        {
            "Get-Broken: -Label takes pipeline input by property name but declares no kind ([RbKey])",
            "Get-Broken: only reads but supports ShouldProcess",
            "Grab-Thing: 'Grab' is not an approved verb",
            "Stop-Broken: changes state but lacks SupportsShouldProcess",
            "Stop-Broken: has no OutputType",
        }, broken.Violations().OrderBy(v => v, StringComparer.Ordinal));
        Assert.Equal(new[]
        {
            "Thing | Get-Broken: -Label from Label: -Label declares no kind ([RbKey])",
            "Thing | Get-Broken: -Text by value (coerced) takes any object",
            "Thing | Stop-Broken: -Id from Id: binds a Frame to a Task parameter",
        }, broken.PipelineViolations().OrderBy(v => v, StringComparer.Ordinal));
    }

    /// <summary>Every output type against every cmdlet: no object can bind an id of one kind to a parameter of
    /// another.</summary>
    [Fact]
    public void No_output_type_binds_an_id_of_one_kind_to_a_parameter_of_another()
    {
        Assert.True(m.OutputTypes().Count >= 8);
        Assert.Empty(m.PipelineViolations());
    }

    private string Binds(string input, string cmdlet)
        => string.Join(
            ", ", m.Bind(m[cmdlet], m.FindType("RenderbusPS.Core.Models." + input)!).Select(b => b.ToString())
            .OrderBy(x => x, StringComparer.Ordinal));

    /// <summary>The binder model follows PowerShell: own name before alias; a frame reaches a task cmdlet through its
    /// TaskId.</summary>
    [Fact]
    public void A_piped_task_or_frame_binds_the_task_it_belongs_to_and_a_frame_binds_itself_to_frame_cmdlets()
    {
        bool ActsOnTasks(CmdletParameter p) => p.Kind == "Task" && p.BindsByPropertyName && !p.IsOwner;
        foreach (var c in m.Cmdlets.Where(c => c.Parameters.Any(ActsOnTasks)))
        {
            var task = c.Parameters.Single(ActsOnTasks).Name;
            Assert.Contains($"-{task} from Id", Binds("RbTask", c.Name));
            Assert.Contains($"-{task} from TaskId", Binds("RbFrame", c.Name));
            Assert.DoesNotContain($"-{task} from", Binds("RbSoftware", c.Name));
        }
        Assert.Equal("-Id from TaskId", Binds("RbFrame", "Stop-RbTask"));
        Assert.Equal("-Id from TaskId", Binds("RbFrame", "Get-RbTask"));
        Assert.Equal("-FrameId from FrameId, -TaskId from TaskId", Binds("RbFrame", "Get-RbFrame"));
        Assert.Equal("-TaskId from Id", Binds("RbTask", "Get-RbFrame"));
        Assert.Equal("-Software from Software", Binds("RbTask", "Get-RbRenderEnv"));
        Assert.Equal("", Binds("RbRenderEnv", "Get-RbSoftware"));
        Assert.Null(m.FindType("RenderbusPS.Core.Models.RbFrame")!.GetProperty("Id"));
        // an owner id (a frame's task for its log) comes only with the frame: a piped task or number never binds it
        Assert.Equal("-FrameId from FrameId, -TaskId from TaskId", Binds("RbFrame", "Get-RbFrameLog"));
        Assert.DoesNotContain("-TaskId", Binds("RbTask", "Get-RbFrameLog"));
    }

    [Fact]
    public void Owner_ids_are_single_optional_and_bind_only_by_property_name()
    {
        var owners = m.Cmdlets.SelectMany(c => c.Parameters.Where(p => p.IsOwner).Select(p => (c, p))).ToList();
        Assert.Contains(owners, o => o.c.Name == "Get-RbFrameLog" && o.p.Name == "TaskId");
        foreach (var (c, p) in owners)
        {
            Assert.False(p.Type.IsArray, $"{c.Name} -{p.Name}");
            Assert.False(p.BindsByValue, $"{c.Name} -{p.Name}");
            Assert.True(p.BindsByPropertyName, $"{c.Name} -{p.Name}");
            Assert.DoesNotContain(p.Bindings, b => b.Mandatory);
            Assert.Empty(p.Aliases);
        }
    }

    [Fact]
    public void Cmdlets_that_only_read_never_ask_ShouldProcess_and_those_that_change_state_always_do()
    {
        Assert.Contains(m.Cmdlets, c => c.Verb == "Get");
        Assert.All(m.Cmdlets.Where(c => c.Verb == "Get"), c => Assert.False(c.SupportsShouldProcess, c.Name));
        Assert.All(
            m.Cmdlets.Where(c => ModuleContract.StateChangingVerbs.Contains(c.Verb)),
            c => Assert.True(c.SupportsShouldProcess, c.Name));
    }

    [Fact]
    public void Output_types_name_real_types()
    {
        foreach (var c in m.Cmdlets)
        foreach (var type in c.OutputTypes.Where(t => t != "System.Void"))
            Assert.True(m.FindType(type) != null, $"{c.Name} declares output {type}, which the module does not define");
        Assert.Equal(new[] { Task }, m["Get-RbTask"].OutputTypes);
        Assert.Equal(new[] { "RenderbusPS.Core.RbSession" }, m["Connect-Renderbus"].OutputTypes);
    }

    [Fact]
    public void Every_cmdlet_that_calls_the_service_takes_Session_and_the_others_do_not()
    {
        var service = m.Cmdlets.Where(c => c.BaseTypeName != "RbCmdlet").ToList();
        Assert.NotEmpty(service);
        foreach (var c in service)
            Assert.Equal("RenderbusPS.Core.RbSession", Assert.Single(c.Parameters, p => p.Name == "Session").TypeName);
        Assert.Contains(m.Cmdlets, c => c.BaseTypeName == "RbCmdlet" && c.Name == "Start-RbEmulator");
    }

    [Fact]
    public void Task_id_parameters_take_arrays_of_long_ids_by_value_and_by_property_name()
    {
        var taskIds = m.Cmdlets.SelectMany(c => c.Parameters.Where(p => p.Kind == "Task" && !p.IsOwner)
            .Select(p => (c, p))).ToList();
        Assert.True(taskIds.Count >= 4);
        foreach (var (c, p) in taskIds)
        {
            Assert.Equal("System.Int64[]", p.TypeName);
            Assert.True(p.BindsByValue && p.BindsByPropertyName, $"{c.Name} -{p.Name}");
            Assert.Contains(p.Name == "Id" ? "TaskId" : "Id", p.Aliases);
        }
        Assert.Equal(
            "RenderbusPS.Core.Models.RbTaskStatus[]",
            m["Get-RbTask"].Parameters.Single(p => p.Name == "Status").TypeName);
        Assert.All(
            m.Cmdlets.Where(
            c => c.Verb == "Get" && c.OutputTypes.Any(o => o.EndsWith(".RbTask") || o.EndsWith(".RbFrame"))),
            c => Assert.True(c.SupportsPaging, c.Name));
    }

    [Fact]
    public void Connect_takes_a_credential_an_access_key_as_SecureString_or_an_emulator()
    {
        var c = m["Connect-Renderbus"];
        Assert.Equal(
            "System.Management.Automation.PSCredential", c.Parameters.Single(p => p.Name == "Credential").TypeName);
        Assert.Equal("System.Security.SecureString", c.Parameters.Single(p => p.Name == "AccessKey").TypeName);
        Assert.Equal("RenderbusPS.Emulator.RbEmulator", c.Parameters.Single(p => p.Name == "Emulator").TypeName);
        Assert.True(c.Parameters.Single(p => p.Name == "PassThru").IsSwitch);
        Assert.DoesNotContain(c.Parameters, p => p.Name.Contains("Key") && p.TypeName == "System.String");
    }

    [Fact]
    public void No_output_type_exposes_a_secret_as_text()
    {
        var types = m.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => t != "System.Void").Distinct()
            .Select(t => m.FindType(t)!).ToList();
        Assert.NotEmpty(types);
        foreach (var t in types)
        foreach (var p in t.GetProperties())
        {
            if (Regex.IsMatch(p.Name, "Key|Secret|Signature|Password", RegexOptions.IgnoreCase))
                Assert.True(
                    p.PropertyType.FullName == "System.Security.SecureString",
                    $"{t.Name}.{p.Name} is {p.PropertyType.Name}");
        }
    }

    [Fact]
    public void The_manifest_exports_exactly_the_assembly_cmdlets()
    {
        var psd1 = File.ReadAllText(Path.Combine(Repo.Root, "RenderbusPS.psd1"));
        var block = Regex.Match(psd1, @"CmdletsToExport\s*=\s*@\((.*?)\)", RegexOptions.Singleline).Groups[1].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(x => x.Groups[1].Value).OrderBy(s => s);
        Assert.Equal(m.Cmdlets.Select(c => c.Name), exported);
        Assert.Matches(@"RootModule\s*=\s*'RenderbusPS\.dll'", psd1);
        Assert.Matches(@"FormatsToProcess\s*=\s*@\('RenderbusPS\.Format\.ps1xml'\)", psd1);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", psd1);
        Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", psd1);
        Assert.Matches(@"AliasesToExport\s*=\s*@\(\)", psd1);
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop', 'Core'\)", psd1);
    }

    [Fact]
    public void Format_views_name_real_types_and_properties_and_show_no_secret()
    {
        var xml = XDocument.Load(Path.Combine(Repo.Root, "src", "RenderbusPS", "RenderbusPS.Format.ps1xml"));
        var views = xml.Descendants("View").ToList();
        Assert.True(views.Count >= 9);
        foreach (var view in views)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = m.FindType(typeName);
            Assert.True(type != null, $"view for unknown type {typeName}");
            foreach (var prop in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.True(type!.GetProperty(prop) != null, $"{typeName} has no property {prop}");
                Assert.DoesNotMatch("(?i)key|secret|signature", prop);
            }
            foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value))
                Assert.DoesNotMatch("(?i)key|secret|signature", script);
            var headers = view.Descendants("TableColumnHeader").Count();
            if (headers > 0) Assert.Equal(headers, view.Descendants("TableColumnItem").Count());
        }
        // the module's own types need a view; plain values (the ints of ConvertFrom-RbFrameRange, the log lines of
        // Get-RbFrameLog) print as they are
        foreach (
            var output in m.OutputTypes().Where(
            t => t.Namespace?.StartsWith("RenderbusPS", StringComparison.Ordinal) == true).Select(t => t.FullName!))
            Assert.Contains(views, v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == output);
    }

    /// <summary>PowerShell puts one space between table columns; a view wider than 120 cuts its last column.</summary>
    [Fact]
    public void Every_default_table_view_fits_120_columns()
    {
        var xml = XDocument.Load(Path.Combine(Repo.Root, "src", "RenderbusPS", "RenderbusPS.Format.ps1xml"));
        var tables = xml.Descendants("TableControl").ToList();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var name = table.Parent!.Element("Name")!.Value;
            var widths = table.Descendants("TableColumnHeader").Select(h => h.Element("Width")).ToList();
            Assert.All(widths, w => Assert.True(w != null, $"{name}: a column has no width"));
            var total = widths.Sum(w => int.Parse(w!.Value)) + widths.Count - 1;
            Assert.True(total <= 120, $"{name} is {total} columns wide");
        }
    }

    /// <summary>In a switch, $_ is the value switched on, not the object: a default branch must use the property
    /// itself.</summary>
    [Fact]
    public void Format_switch_blocks_show_unknown_codes_as_the_number()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "src", "RenderbusPS", "RenderbusPS.Format.ps1xml"));
        var switches = Regex.Matches(text, @"switch \(\$_\.(\w+)\) \{[^<]*default \{ ([^}]*) \}");
        Assert.NotEmpty(switches);
        foreach (Match s in switches) Assert.Equal("$_", s.Groups[2].Value.Trim());
    }
}

public class LayoutTests : IClassFixture<ModuleFixture>
{
    private readonly ModuleContract m;

    public LayoutTests(ModuleFixture fixture) => m = fixture.Module;

    /// <summary>Commands/&lt;Area&gt;/&lt;Type&gt;.cs holds exactly one cmdlet, named after the file; bases and helpers
    /// live elsewhere.</summary>
    [Fact]
    public void Every_cmdlet_has_its_own_file_named_after_it_and_nothing_else_lives_there()
    {
        var dir = Path.Combine(Repo.Root, "src", "RenderbusPS", "Commands");
        var files = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories);
        var cmdletFiles = files.Where(f => Regex.IsMatch(File.ReadAllText(f), @"\[Cmdlet\(")).ToList();
        foreach (var c in m.Cmdlets)
        {
            var typeName = c.TypeName.Split('.').Last();
            var file = Assert.Single(files, f => Path.GetFileNameWithoutExtension(f) == typeName);
            Assert.Single(Regex.Matches(File.ReadAllText(file), @"\[Cmdlet\("));
            Assert.Equal(c.TypeName.Split('.')[^2], Path.GetFileName(Path.GetDirectoryName(file)));
        }
        Assert.Equal(m.Cmdlets.Count, cmdletFiles.Count);
        Assert.All(
            files.Except(cmdletFiles), f => Assert.Matches(@"\babstract class Rb\w+Cmdlet\b", File.ReadAllText(f)));
    }
}

/// <summary>A cmdlet is read in a few files: no chain of the module's own base classes is deeper than three.</summary>
public class CmdletShapeTests : IClassFixture<ModuleFixture>
{
    private readonly ModuleContract m;

    public CmdletShapeTests(ModuleFixture fixture) => m = fixture.Module;

    [Fact]
    public void No_cmdlet_has_more_than_three_base_classes_of_its_own()
    {
        var deep = m.Cmdlets.Select(c =>
        {
            var chain = new List<string>();
            for (var t = m.Assembly.GetType(c.TypeName)!.BaseType; t != null
                && t.Namespace?.StartsWith("RenderbusPS") == true; t = t.BaseType)
                chain.Add(t.Name);
            return (c.Name, Chain: chain);
        }).ToList();
        Assert.Contains(deep, d => d.Chain.Count == 3);
        Assert.Empty(deep.Where(d => d.Chain.Count > 3).Select(d => $"{d.Name}: {string.Join(" : ", d.Chain)}"));
    }
}
