using System.Text.Json;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>Projects and their software configurations over API 2.0 (query_project, create_project,
/// operate_project), against the emulator, agreeing with what a REST session sees.</summary>
public class Api2ProjectTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 5, seed: 7);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 8), default);

    private IEnumerable<string> Sent() => t.Emulator.Requests.Select(r => r.Operation ?? "");

    [Fact]
    public async Task Every_project_of_the_account_and_its_sub_accounts_is_the_one_REST_lists()
    {
        using var session = await ConnectAsync();
        Assert.IsType<Api2ProjectsApi>(session.ProjectSource);
        var rest = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        var api2 = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery { Scope = RbProjectScope.All },
            default);
        Assert.NotEmpty(rest);
        Assert.Equal(rest.Select(p => (p.ProjectId, p.Name)).OrderBy(p => p.ProjectId),
            api2.Select(p => (p.ProjectId, p.Name)).OrderBy(p => p.ProjectId));
        Assert.All(api2, p => Assert.NotNull(p.Owner));
        Assert.All(api2, p => Assert.NotNull(p.RenderOS));
        var own = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery(), default);
        Assert.All(own, p => Assert.Equal(t.Emulator.Account, p.Owner));
        var sub = api2.First(p => p.Owner != t.Emulator.Account).Owner;
        var theirs = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery { Owner = sub }, default);
        Assert.NotEmpty(theirs);
        Assert.All(theirs, p => Assert.Equal(sub, p.Owner));
    }

    [Fact]
    public async Task A_REST_session_refuses_API_2_filters_and_fields_before_sending()
    {
        var rest = new ProjectsApi(t.Client);
        t.Emulator.ClearRequests();
        var e = await Assert.ThrowsAsync<RbValidationException>(() => rest.GetProjectsAsync(
            new RbProjectQuery { Owner = "x" }, default));
        Assert.Equal("Rb.NotInProtocol", e.ErrorId);
        e = Assert.Throws<RbValidationException>(() => rest.Check(new RbProjectSpec { Name = "p", Path = "D/x" }));
        Assert.Equal("Rb.NotInProtocol", e.ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public async Task Creates_a_project_with_its_path_OS_remark_and_owner_and_REST_lists_it()
    {
        using var session = await ConnectAsync();
        var sub = (await session.Api2Account.ListUsersAsync(null, default)).First(u => u.AccountType == 2).UserName;
        var made = await session.ProjectSource.AddProjectAsync(new RbProjectSpec
        {
            Name = "Ep01Shots", Path = "D/ep01", RenderOS = RbOperatingSystem.Linux, Remark = "first", Owner = sub,
        }, default);
        Assert.True(made.ProjectId > 0);
        Assert.Equal(("Ep01Shots", "D/ep01", RbOperatingSystem.Linux, "first", sub),
            (made.Name, made.Path, made.RenderOS, made.Remark, made.Owner));
        Assert.NotNull(made.CreatedAt);
        var rest = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        Assert.Contains(rest, p => p.ProjectId == made.ProjectId && p.Name == "Ep01Shots");

        // a taken name (ignoring case) is the same error as on REST, on create and on rename
        var e = await Assert.ThrowsAsync<RbApiException>(() => session.ProjectSource.AddProjectAsync(
            new RbProjectSpec { Name = "ep01shots" }, default));
        Assert.Equal(RbCodes.ParameterInvalid, e.Code);
        var other = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Ep02" }, default);
        e = await Assert.ThrowsAsync<RbApiException>(() => session.Api2Projects.SetProjectAsync(other,
            new RbProjectChange { NewName = "EP01SHOTS" }, default));
        Assert.Equal(RbCodes.ParameterInvalid, e.Code);

        // a sub-account's project is changed as its owner, which the farm checks
        var moved = await session.Api2Projects.SetProjectAsync(made, new RbProjectChange { Remark = "second" },
            default);
        Assert.Equal(("second", sub), (moved.Remark, moved.Owner));

        // and a project REST makes is one API 2.0 lists
        var restMade = await new ProjectsApi(t.Client).AddProjectAsync("fromrest", default);
        var listed = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery { Scope = RbProjectScope.All },
            default);
        Assert.Contains(listed, p => p.ProjectId == restMade.ProjectId && p.Name == "fromrest");
    }

    [Fact]
    public async Task The_public_clients_bodies_with_numbers_are_read_back_through_Core()
    {
        // the bodies the official Python client sends (API2-NOTES §2.7 [pub]): numbers where the document says int
        using var session = await ConnectAsync();
        var project = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Pub1" }, default);
        var wire = new Api2Wire(t);
        Api2Wire.Ok(await wire.PostAsync("operate_project", new System.Text.Json.Nodes.JsonObject
        {
            ["operate_type"] = 0, ["project_id"] = project.ProjectId, ["cg_soft_name"] = "Maya 2020",
            ["plugin_name"] = "yeti 4.1.1", ["is_default"] = 1,
        }));
        var config = Assert.Single(await session.Api2ProjectConfigs.GetConfigsAsync(project, default));
        Assert.Equal(("Maya", "2020", true, "yeti 4.1.1"), (config.SoftwareName, config.Version, config.IsDefault,
            config.Plugins.Single().Version));
        Api2Wire.Ok(await wire.PostAsync("operate_project", new System.Text.Json.Nodes.JsonObject
        {
            ["operate_type"] = 1, ["project_id"] = project.ProjectId, ["config_id"] = config.ConfigId,
            ["cg_soft_name"] = "Maya 2022", ["plugin_name"] = "mtoa 5.3.0", ["is_default"] = 1,
        }));
        config = Assert.Single(await session.Api2ProjectConfigs.GetConfigsAsync(project, default));
        Assert.Equal(("2022", "mtoa 5.3.0"), (config.Version, config.Plugins.Single().Version));
        Api2Wire.Ok(await wire.PostAsync("operate_project", new System.Text.Json.Nodes.JsonObject
            { ["operate_type"] = 2, ["project_id"] = project.ProjectId, ["config_id"] = config.ConfigId }));
        Assert.Empty(await session.Api2ProjectConfigs.GetConfigsAsync(project, default));
    }

    [Fact]
    public async Task Projects_are_filtered_by_software_on_the_farm()
    {
        using var session = await ConnectAsync();
        var maya = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "WithMaya" }, default);
        await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "WithNothing" }, default);
        await session.Api2ProjectConfigs.AddAsync(await session.Api2ProjectConfigs.PlanAsync(maya, null,
            new RbProjectConfigSpec { Software = "maya 2023" }, default), default);
        t.Emulator.ClearRequests();
        var found = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery { Software = "maya" }, default);
        Assert.Equal(new[] { "WithMaya" }, found.Select(p => p.Name));
        Assert.Single(t.Emulator.Requests);
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("with space")]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("镜头")]
    public async Task A_name_API_2_would_refuse_is_refused_before_anything_is_sent(string name)
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var e = await Assert.ThrowsAsync<RbValidationException>(() => session.ProjectSource.AddProjectAsync(
            new RbProjectSpec { Name = name }, default));
        Assert.Equal("Rb.InvalidProjectName", e.ErrorId);
        var tooLong = Assert.Throws<RbValidationException>(() => session.ProjectSource.Check(
            new RbProjectSpec { Name = "ok", Remark = new string('备', 129) }));
        Assert.Equal("Rb.ProjectTextTooLong", tooLong.ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_never_sent_again()
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "create_project", LoseAnswer = true });
        var e = await Assert.ThrowsAsync<RbOutcomeUnknownException>(() => session.ProjectSource.AddProjectAsync(
            new RbProjectSpec { Name = "Lost1" }, default));
        Assert.Single(Sent(), "create_project");
        // the farm did make it: listing shows one project of that name
        var all = await session.ProjectSource.GetProjectsAsync(new RbProjectQuery { Scope = RbProjectScope.All },
            default);
        Assert.Single(all, p => p.Name == "Lost1");
        Assert.NotNull(e.Message);
    }

    [Fact]
    public async Task Renames_and_moves_a_project_and_REST_sees_the_new_name()
    {
        using var session = await ConnectAsync();
        var made = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Old1" }, default);
        var found = await session.Api2Projects.FindAsync(RbProject.Parse("old1"), default);
        Assert.Equal(made.ProjectId, found.ProjectId);
        t.Emulator.Faults.Rates.Seed = 3;
        t.Emulator.Faults.Rates.Unavailable = 0.3;
        var set = await session.Api2Projects.SetProjectAsync(found, new RbProjectChange
        {
            NewName = "New1", Path = "E/new", RenderOS = RbOperatingSystem.Linux, Remark = "moved",
        }, default);
        t.Emulator.Faults.Rates.Clear();
        Assert.Equal(("New1", "E/new", RbOperatingSystem.Linux, "moved"), (set.Name, set.Path, set.RenderOS,
            set.Remark));
        var rest = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        Assert.Contains(rest, p => p.ProjectId == made.ProjectId && p.Name == "New1");
        var e = Assert.Throws<RbValidationException>(() => Api2ProjectsApi.Check(new RbProjectChange()));
        Assert.Equal("Rb.NoProjectChange", e.ErrorId);
        var missing = await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Projects.FindAsync(
            RbProject.Parse("NoSuchProject"), default));
        Assert.Equal("Rb.ProjectNotFound", missing.ErrorId);
    }

    [Fact]
    public async Task Configurations_are_added_changed_made_default_and_deleted()
    {
        using var session = await ConnectAsync();
        var project = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Cfg1" }, default);
        var configs = session.Api2ProjectConfigs;
        var plan = await configs.PlanAsync(project, null, new RbProjectConfigSpec
            { Software = "maya", Version = "2022", Plugins = new[] { "mtoa 5.3.0", "yeti" }, MakeDefault = true },
            default);
        Assert.Equal("Maya 2022", plan.Software);
        Assert.Equal(new[] { "mtoa 5.3.0", "yeti 4.1.1" }, plan.Plugins);
        var first = await configs.AddAsync(plan, default);
        Assert.True(first.IsDefault);
        Assert.Equal(("Maya", "2022", project.ProjectId, "Cfg1"), (first.SoftwareName, first.Version,
            first.ProjectId, first.ProjectName));
        Assert.Equal(2000, first.SoftwareId);
        Assert.Equal(new[] { "mtoa 5.3.0", "yeti 4.1.1" }, first.Plugins.Select(p => p.Version));
        var second = await configs.AddAsync(await configs.PlanAsync(RbProject.Parse("Cfg1"), null,
            new RbProjectConfigSpec { Software = "Houdini 19.5", MakeDefault = true }, default), default);
        var now = await configs.GetConfigsAsync(RbProject.Parse("Cfg1"), default);
        // one default per project: the newer took it
        Assert.Equal(new[] { second.ConfigId }, now.Where(c => c.IsDefault).Select(c => c.ConfigId));

        var change = await configs.PlanAsync(project, first.ConfigId, new RbProjectConfigSpec
            { Plugins = new[] { "redshift" } }, default);
        Assert.Equal("Maya 2022", change.Software);
        var changed = await configs.SetAsync(change, default);
        Assert.Equal(new[] { "redshift 3.5.16" }, changed.Plugins.Select(p => p.Version));
        var cleared = await configs.SetAsync(await configs.PlanAsync(project, first.ConfigId,
            new RbProjectConfigSpec { Plugins = Array.Empty<string>() }, default), default);
        Assert.Empty(cleared.Plugins);

        var found = await session.Api2Projects.FindAsync(project, default);
        await configs.RemoveAsync(found, second.ConfigId!.Value, default);
        Assert.Equal(new[] { first.ConfigId }, (await configs.GetConfigsAsync(project, default))
            .Select(c => c.ConfigId));
        await configs.AddAsync(await configs.PlanAsync(project, null, new RbProjectConfigSpec
            { Software = "Blender", Version = "4.2" }, default), default);
        await configs.RemoveAllAsync(found, default);
        Assert.Empty(await configs.GetConfigsAsync(project, default));
    }

    [Fact]
    public async Task Bad_configurations_are_refused_with_REST_s_ids_having_only_read()
    {
        using var session = await ConnectAsync();
        var project = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Bad1" }, default);
        var configs = session.Api2ProjectConfigs;
        t.Emulator.ClearRequests();
        async Task<string> Refused(RbProjectConfigSpec spec, long? config = null)
            => (await Assert.ThrowsAsync<RbValidationException>(() => configs.PlanAsync(project, config, spec,
                default))).ErrorId;
        Assert.Equal("Rb.UnknownSoftware", await Refused(new RbProjectConfigSpec { Software = "Mayo 2022" }));
        Assert.Equal("Rb.UnknownSoftwareVersion", await Refused(new RbProjectConfigSpec { Software = "Maya 1999" }));
        // a name without a version says so, and how to give one
        var bare = await Assert.ThrowsAsync<RbValidationException>(() => configs.PlanAsync(project, null,
            new RbProjectConfigSpec { Software = "Maya" }, default));
        Assert.Equal("Rb.UnknownSoftwareVersion", bare.ErrorId);
        Assert.Contains("names no version", bare.Message);
        Assert.Contains("2022", bare.RecommendedAction);
        Assert.Equal("Rb.UnknownPlugin", await Refused(new RbProjectConfigSpec
            { Software = "Maya 2022", Plugins = new[] { "octane 1" } }));
        Assert.Equal("Rb.AmbiguousPlugin", await Refused(new RbProjectConfigSpec
            { Software = "Maya 2022", Plugins = new[] { "mtoa" } }));
        Assert.Equal("Rb.DuplicatePlugin", await Refused(new RbProjectConfigSpec
            { Software = "Maya 2022", Plugins = new[] { "mtoa 5.3.0", "mtoa 4.2.1" } }));
        Assert.Equal("Rb.RenderEnvNotFound", await Refused(new RbProjectConfigSpec { Software = "Maya 2022" }, 42));
        Assert.Equal("Rb.NoRenderEnvChange", await Refused(new RbProjectConfigSpec(), 42));
        Assert.Equal("Rb.UnknownSoftware", await Refused(new RbProjectConfigSpec()));
        Assert.DoesNotContain("operate_project", Sent());
    }

    [Fact]
    public async Task Adding_a_configuration_whose_answer_is_lost_is_never_sent_again()
    {
        using var session = await ConnectAsync();
        var project = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Lost2" }, default);
        var plan = await session.Api2ProjectConfigs.PlanAsync(project, null,
            new RbProjectConfigSpec { Software = "Maya 2020" }, default);
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_project", LoseAnswer = true });
        await Assert.ThrowsAsync<RbOutcomeUnknownException>(() => session.Api2ProjectConfigs.AddAsync(plan,
            default));
        Assert.Single(Sent(), "operate_project");
        Assert.Single(await session.Api2ProjectConfigs.GetConfigsAsync(project, default));

        // deleting is safe to repeat: a lost answer is sent again and acts once
        var found = await session.Api2Projects.FindAsync(project, default);
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "operate_project", LoseAnswer = true });
        await session.Api2ProjectConfigs.RemoveAllAsync(found, default);
        Assert.Equal(2, Sent().Count(o => o == "operate_project"));
        Assert.Empty(await session.Api2ProjectConfigs.GetConfigsAsync(project, default));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    public async Task Under_faults_each_configuration_is_added_at_most_once_and_every_success_is_there(int seed)
    {
        using var session = await ConnectAsync();
        var project = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Faulty" + seed },
            default);
        var configs = session.Api2ProjectConfigs;
        var wanted = new[] { "Maya 2019", "Maya 2020", "Maya 2022", "Maya 2023", "Maya 2024", "Houdini 18.5",
            "Houdini 19.0", "Houdini 19.5", "Houdini 20.0", "Blender 3.6", "Blender 4.1", "Blender 4.2" };
        var plans = new List<RbProjectConfigPlan>();
        foreach (var software in wanted)
            plans.Add(await configs.PlanAsync(project, null, new RbProjectConfigSpec { Software = software },
                default));
        var rates = t.Emulator.Faults.Rates;
        rates.Seed = seed;
        rates.Unavailable = 0.2;
        rates.Dropped = 0.1;
        rates.Html = 0.1;
        rates.LoseAnswer = 0.1;
        var added = new List<string>();
        var unknown = 0;
        foreach (var plan in plans)
        {
            try
            {
                added.Add((await configs.AddAsync(plan, default)).Extra["cg_soft_name"]!.ToString()!);
            }
            catch (RbOutcomeUnknownException)
            {
                unknown++;
            }
            catch (Exception ex) when (ex is RbApiException || ex is RbTransportException
                || ex is RbProtocolException)
            {
                // a call that still failed after its retries: the add went through once at most
            }
        }
        rates.Clear();
        Assert.Contains(t.Emulator.Requests, r => r.Operation == "operate_project" && r.Code != 200);
        var now = (await configs.GetConfigsAsync(project, default))
            .Select(c => c.Extra["cg_soft_name"]!.ToString() ?? "")
            .ToList();
        Assert.Equal(now.Count, now.Distinct().Count());
        // every add that succeeded is there once; one whose outcome was unknown may be there, once
        Assert.Subset(now.ToHashSet(), added.ToHashSet()); // (superset, subset)
        Assert.True(unknown > 0, "the lost answers should have left some outcomes unknown");
        Assert.InRange(now.Count, added.Count, wanted.Length);
        Assert.NotEmpty(added);
    }

    [Fact]
    public async Task Software_and_plugins_are_the_names_REST_lists()
    {
        using var session = await ConnectAsync();
        Assert.IsType<Api2SoftwareApi>(session.SoftwareReader);
        var rest = new SoftwareApi(t.Client);
        var restSoftware = await rest.GetSoftwareAsync(default);
        var api2Software = await session.SoftwareReader.GetSoftwareAsync(default);
        Assert.Equal(restSoftware.Select(s => s.Name).OrderBy(n => n), api2Software.Select(s => s.Name)
            .OrderBy(n => n));
        var maya = api2Software.Single(s => s.Name == "Maya");
        Assert.Equal(2000, maya.SoftwareId);
        var versions = await session.SoftwareReader.GetVersionsAsync(maya, RbOperatingSystem.Windows, default);
        var restVersions = await rest.GetVersionsAsync(2000, RbOperatingSystem.Windows, default);
        Assert.Equal(restVersions.Select(v => v.Version), versions.Select(v => v.Version));
        var plugins = await session.SoftwareReader.GetPluginsAsync("maya", RbOperatingSystem.Windows, default);
        var restPlugins = await rest.GetPluginsAsync("maya", RbOperatingSystem.Windows, default);
        Assert.Equal(restPlugins.Select(p => (p.SoftwareVersion, p.PluginName, p.Version)),
            plugins.Select(p => (p.SoftwareVersion, p.PluginName, p.Version)));
        Assert.All(plugins, p => Assert.Equal(0, p.PluginId));
    }

    [Fact]
    public async Task The_key_is_in_no_trace_error_model_or_request_log_of_project_calls()
    {
        var key = t.KeyText();
        var lines = new List<string>();
        RbTrace.Sink = lines.Add;
        var texts = new List<string>();
        try
        {
            using var session = await ConnectAsync();
            var made = await session.ProjectSource.AddProjectAsync(new RbProjectSpec { Name = "Secret1" }, default);
            var set = await session.Api2Projects.SetProjectAsync(made, new RbProjectChange { Remark = "r" }, default);
            var config = await session.Api2ProjectConfigs.AddAsync(await session.Api2ProjectConfigs.PlanAsync(made,
                null, new RbProjectConfigSpec { Software = "Maya 2022" }, default), default);
            await session.Api2ProjectConfigs.RemoveAllAsync(set, default);
            texts.Add((await Assert.ThrowsAsync<RbApiException>(() => session.ProjectSource.AddProjectAsync(
                new RbProjectSpec { Name = "secret1" }, default))).ToString());
            t.Emulator.Faults.Add(new RbFault { Operation = "create_project", LoseAnswer = true });
            texts.Add((await Assert.ThrowsAsync<RbOutcomeUnknownException>(() => session.ProjectSource
                .AddProjectAsync(new RbProjectSpec { Name = "Secret2" }, default))).ToString());
            texts.Add((await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Projects.FindAsync(
                RbProject.Parse("nothere"), default))).ToString());
            texts.Add(JsonSerializer.Serialize(new object[] { set, config, set.Extra, config.Extra }));
            texts.Add(session.ToString());
        }
        finally
        {
            RbTrace.Sink = null;
        }
        Assert.Contains(lines, l => l.Contains("operate_project"));
        var everything = string.Join("\n", lines.Concat(texts)) + string.Join("\n", t.Emulator.Requests.Select(
            r => string.Join("|", r.Path, r.Operation, r.Code)));
        Assert.DoesNotContain(key.Substring(1, 20), everything);
    }

    [Theory]
    [InlineData("{\"data\":[{\"cg_soft_name\":\"maya 2014\",\"plugin_name\":\"vray 3.10.01\"}],\"total_size\":\"1\"}")]
    [InlineData("[{\"cg_soft_name\":\"maya 2014\",\"plugin_name\":\"vray 3.10.01\"}]")]
    [InlineData("{\"cg_soft_name\":\"maya 2014\",\"plugin_name\":\"vray 3.10.01\"}")]
    public void Query_plugin_items_are_read_from_data_or_the_body_itself(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var item = Assert.Single(Api2SoftwareApi.Items(doc.RootElement));
        Assert.Equal(("maya 2014", "vray 3.10.01"), (item.Software, item.Plugins));
        var version = Assert.Single(RbApi2ProjectModels.Versions(new[] { item }, "maya", RbOperatingSystem.Linux));
        Assert.Equal(("maya", "2014", "vray"), (version.SoftwareName, version.Version,
            version.Plugins[0].Name));
        Assert.Equal(("3ds Max", "2014"), RbApi2ProjectModels.SplitSoftware("3ds Max 2014"));
        Assert.Equal(("V-Ray_standalone", (string?)null), RbApi2ProjectModels.SplitSoftware("V-Ray_standalone"));
    }
}
