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

    private static readonly string[] Slice =
    {
        "Connect-Renderbus", "Disconnect-Renderbus", "Get-RbSession", "Get-RbPlatform", "Get-RbUser", "Get-RbTask", "Stop-RbTask",
        "Start-RbTask", "Get-RbFrame", "Get-RbSoftware", "Get-RbRenderEnv", "New-RbRenderEnv", "Start-RbEmulator", "Stop-RbEmulator",
    };

    [Fact]
    public void The_assembly_holds_exactly_the_cmdlets_of_the_slice()
        => Assert.Equal(Slice.OrderBy(s => s), m.Cmdlets.Select(c => c.Name));

    [Fact]
    public void Every_cmdlet_keeps_the_house_rules()
        => Assert.Empty(m.Violations());

    [Fact]
    public void The_checker_finds_every_fault_planted_in_the_fixture()
    {
        using var broken = new ModuleContract(Repo.FixtureDll);
        Assert.Equal(new[]
        {
            "Grab-Thing: 'Grab' is not an approved verb",
            "Stop-Broken: changes state but lacks SupportsShouldProcess",
            "Stop-Broken: has no OutputType",
        }, broken.Violations().OrderBy(v => v, StringComparer.Ordinal));
        Assert.Contains("does not take Id from the pipeline", Assert.Single(broken.BindingViolations("Get-Broken", "RenderbusPS.Module.Tests.Fixture.Thing", "Id")));
        Assert.Empty(broken.BindingViolations("Stop-Broken", "RenderbusPS.Module.Tests.Fixture.Thing", "Id"));
    }

    [Fact]
    public void Cmdlets_that_change_state_support_WhatIf_and_Confirm()
    {
        foreach (var name in new[] { "Stop-RbTask", "Start-RbTask", "New-RbRenderEnv", "Disconnect-Renderbus", "Start-RbEmulator", "Stop-RbEmulator" })
            Assert.True(m[name].SupportsShouldProcess, name);
        foreach (var name in new[] { "Get-RbTask", "Get-RbFrame", "Get-RbSoftware", "Get-RbRenderEnv", "Get-RbUser", "Get-RbPlatform", "Get-RbSession" })
            Assert.False(m[name].SupportsShouldProcess, name);
    }

    [Theory]
    [InlineData("Stop-RbTask")]
    [InlineData("Start-RbTask")]
    [InlineData("Get-RbFrame")]
    [InlineData("Get-RbTask")]
    public void Task_cmdlets_bind_from_RbTask_by_property_name(string cmdlet)
        => Assert.Empty(m.BindingViolations(cmdlet, Task, "Id"));

    [Fact]
    public void Frames_expose_Id_and_TaskId_and_the_binder_model_follows_name_before_alias()
    {
        var frame = m.FindType("RenderbusPS.Core.Models.RbFrame")!;
        Assert.Equal("System.Int64", frame.GetProperty("TaskId")!.PropertyType.FullName);
        Assert.Equal("System.Int64", frame.GetProperty("Id")!.PropertyType.FullName);
        // a frame piped to Get-RbFrame binds its TaskId through -TaskId's own name, not its Id through the alias
        Assert.Empty(m.BindingViolations("Get-RbFrame", "RenderbusPS.Core.Models.RbFrame", "TaskId"));
        // while -Id of Get-RbTask takes a frame's own Id first (PowerShell prefers the name to the alias)
        Assert.Contains("takes RenderbusPS.Core.Models.RbFrame.Id", Assert.Single(m.BindingViolations("Get-RbTask", "RenderbusPS.Core.Models.RbFrame", "TaskId")));
        Assert.Empty(m.BindingViolations("Get-RbSoftware", "RenderbusPS.Core.Models.RbSoftware", "Name"));
        Assert.Empty(m.BindingViolations("Get-RbRenderEnv", "RenderbusPS.Core.Models.RbRenderEnv", "SoftwareName"));
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
    public void Every_cmdlet_that_calls_the_service_takes_Session()
    {
        var local = new[] { "Connect-Renderbus", "Get-RbSession", "Start-RbEmulator", "Stop-RbEmulator" };
        foreach (var c in m.Cmdlets.Where(c => !local.Contains(c.Name)))
            Assert.Equal("RenderbusPS.Core.RbSession", Assert.Single(c.Parameters, p => p.Name == "Session").TypeName);
    }

    [Fact]
    public void Listing_cmdlets_page_and_bulk_cmdlets_take_arrays_of_long_ids()
    {
        Assert.True(m["Get-RbTask"].SupportsPaging);
        Assert.True(m["Get-RbFrame"].SupportsPaging);
        foreach (var name in new[] { "Stop-RbTask", "Start-RbTask" })
        {
            var id = Assert.Single(m[name].Parameters, p => p.Name == "Id");
            Assert.Equal("System.Int64[]", id.TypeName);
            Assert.Contains("TaskId", id.Aliases);
            Assert.True(id.Bindings.All(b => b.Mandatory));
        }
        Assert.Equal("RenderbusPS.Core.Models.RbTaskStatus[]", m["Get-RbTask"].Parameters.Single(p => p.Name == "Status").TypeName);
    }

    [Fact]
    public void Connect_takes_a_credential_an_access_key_as_SecureString_or_an_emulator()
    {
        var c = m["Connect-Renderbus"];
        Assert.Equal("System.Management.Automation.PSCredential", c.Parameters.Single(p => p.Name == "Credential").TypeName);
        Assert.Equal("System.Security.SecureString", c.Parameters.Single(p => p.Name == "AccessKey").TypeName);
        Assert.Equal("RenderbusPS.Emulator.RbEmulator", c.Parameters.Single(p => p.Name == "Emulator").TypeName);
        Assert.True(c.Parameters.Single(p => p.Name == "PassThru").IsSwitch);
        Assert.DoesNotContain(c.Parameters, p => p.Name.Contains("Key") && p.TypeName == "System.String");
    }

    [Fact]
    public void No_output_type_exposes_a_secret_as_text()
    {
        var types = m.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => t != "System.Void").Distinct().Select(t => m.FindType(t)!).ToList();
        Assert.NotEmpty(types);
        foreach (var t in types)
        foreach (var p in t.GetProperties())
        {
            if (Regex.IsMatch(p.Name, "Key|Secret|Signature|Password", RegexOptions.IgnoreCase))
                Assert.True(p.PropertyType.FullName == "System.Security.SecureString", $"{t.Name}.{p.Name} is {p.PropertyType.Name}");
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
        foreach (var output in new[] { Task, "RenderbusPS.Core.Models.RbFrame", "RenderbusPS.Core.RbSession", "RenderbusPS.Emulator.RbEmulator" })
            Assert.Contains(views, v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == output);
    }
}
