using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

public class ProjectAndSoftwareTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 250, seed: 7);

    public void Dispose() => t.Dispose();

    private int Sent(string op) => t.Emulator.Requests.Count(r => r.Operation == op);

    [Fact]
    public async Task Project_list_honours_the_scope_flag_and_own_projects_are_the_task_project_names()
    {
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default);
        var taskProjects = tasks.Select(x => x.ProjectName).Where(n => !string.IsNullOrEmpty(n)).Distinct()
            .OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(taskProjects);
        var own = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.Own, default);
        var withMain = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.WithMainAccount, default);
        var all = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        Assert.Equal(taskProjects, own.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(own, p => Assert.True(p.ProjectId > 0));
        Assert.Equal(own.Count + 2, withMain.Count);
        Assert.Equal(withMain.Count + 1, all.Count);
        Assert.Subset(all.Select(p => p.ProjectId).ToHashSet(), withMain.Select(p => p.ProjectId).ToHashSet());
        Assert.Equal(3, Sent("listProjects"));
        Assert.Equal(0, Sent("getProjectList"));
    }

    [Fact]
    public async Task Project_list_falls_back_to_getList_where_list_is_not_served()
    {
        t.Emulator.Faults.Add(new RbFault { Operation = "listProjects", Code = RbCodes.ApiError, Count = 10 });
        var own = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        Assert.Contains(own, p => p.Name == "feature_ep01");
        Assert.DoesNotContain(own, p => p.Name == "sibling_commercial");
        Assert.Equal(1, Sent("getProjectList"));
        // a different failure is not swallowed
        t.Emulator.Faults.Clear();
        t.Emulator.Faults.Add(new RbFault { Operation = "listProjects", Code = RbCodes.InternalError, Count = 10 });
        await Assert.ThrowsAsync<RbApiException>(
            () => new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.Own, default));
    }

    [Fact]
    public async Task Adding_a_project_lists_it_and_refuses_duplicates_and_blank_names()
    {
        var before = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.Own, default);
        var created = await new ProjectsApi(t.Client).AddProjectAsync("  pipeline_test ", default);
        Assert.Equal("pipeline_test", created.Name);
        Assert.DoesNotContain(before, p => p.ProjectId == created.ProjectId);
        Assert.Equal(
            before.Count + 1, (await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.Own, default)).Count);
        var dup = await Assert.ThrowsAsync<RbApiException>(
            () => new ProjectsApi(t.Client).AddProjectAsync("PIPELINE_TEST", default));
        Assert.Equal(RbCodes.ParameterInvalid, dup.Code);
        var main = await Assert.ThrowsAsync<RbApiException>(
            () => new ProjectsApi(t.Client).AddProjectAsync("studio_library", default));
        Assert.Equal(RbCodes.ParameterInvalid, main.Code);
        var sent = Sent("addProject");
        Assert.Equal(
            "Rb.InvalidProjectName", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new ProjectsApi(t.Client).AddProjectAsync("  ", default))).ErrorId);
        Assert.Equal(
            "Rb.InvalidProjectName", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new ProjectsApi(t.Client).AddProjectAsync(new string('x', 51), default))).ErrorId);
        Assert.Equal(sent, Sent("addProject"));
    }

    [Fact]
    public async Task Removing_a_project_deletes_own_ones_only()
    {
        await new ProjectsApi(t.Client).RemoveProjectAsync("lookdev", default);
        Assert.DoesNotContain(
            await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default), p => p.Name == "lookdev");
        Assert.Equal(
            RbCodes.ResourceNotFound, (
            await Assert.ThrowsAsync<RbApiException>(
            () => new ProjectsApi(t.Client).RemoveProjectAsync("lookdev", default))).Code);
        Assert.Equal(
            605, (await Assert.ThrowsAsync<RbApiException>(
            () => new ProjectsApi(t.Client).RemoveProjectAsync("studio_rnd", default))).Code);
        Assert.Contains(
            await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.WithMainAccount, default),
            p => p.Name == "studio_rnd");
    }

    [Theory]
    [InlineData("\"windows\"", 1)]
    [InlineData("\"Windows\"", 1)]
    [InlineData("1", 1)]
    [InlineData("\"1\"", 1)]
    [InlineData(null, 1)]
    [InlineData("\"linux\"", 0)]
    [InlineData("0", 0)]
    [InlineData("\"0\"", 0)]
    public async Task The_emulator_takes_every_OS_form_real_clients_send_and_defaults_to_Windows(string? osName, int os)
    {
        // raw bodies: the OS as text or number, or left out
        var extra = osName == null ? "" : ", \"osName\": " + osName;
        var max = await Raw(RbCatalog.QuerySoftwareDetail, "{\"cgId\": 2001" + extra + "}");
        Assert.Equal(os == 1, max.GetProperty("cgVersion").GetArrayLength() > 0);   // 3ds Max renders on Windows only
        var maya = await Raw(RbCatalog.QuerySoftwareDetail, "{\"cgId\": 2000" + extra + "}");
        Assert.Equal(5, maya.GetProperty("cgVersion").GetArrayLength());
        var envs = await Raw(RbCatalog.GetUserPluginConfig, "{\"cgIds\": [2000, 2004]" + extra + "}");
        var names = envs.EnumerateArray().Select(e => e.GetProperty("editName").GetString()).ToList();
        Assert.Equal(os == 0 ? new[] { "houdini-linux" } : new[] { "maya2022-arnold" }, names);
        Assert.All(envs.EnumerateArray(), e => Assert.Equal(os, e.GetProperty("osName").GetInt32()));
    }

    [Fact]
    public async Task The_emulator_refuses_an_OS_it_does_not_know()
    {
        var ex = await Assert.ThrowsAsync<RbApiException>(
            () => Raw(RbCatalog.QuerySoftwareDetail, "{\"cgId\": 2000, \"osName\": \"macos\"}"));
        Assert.Equal(RbCodes.ParameterInvalid, ex.Code);
    }

    private async Task<JsonElement> Raw(RbOperation op, string json)
    {
        var body = new RbBody();
        foreach (var p in JsonDocument.Parse(json).RootElement.EnumerateObject())
            body.Add(p.Name, p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetInt64(),
                JsonValueKind.Array => p.Value.EnumerateArray().Select(x => x.GetInt64()).ToArray(),
                _ => null,
            });
        return (await t.Client.SendAsync(op, body, default)).Data.Clone();
    }

    [Fact]
    public async Task Core_sends_the_OS_as_the_official_client_does()
    {
        // a listener that records bodies: querySoftwareDetail names the OS as text, getUserPluginConfig always sends
        // 0/1
        var bodies = new List<(string Path, JsonElement Body)>();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch { return; }
                using var reader = new StreamReader(ctx.Request.InputStream);
                lock (bodies) bodies.Add(
                    (ctx.Request.Url!.AbsolutePath, JsonDocument.Parse(reader.ReadToEnd()).RootElement.Clone()));
                var data = ctx.Request.Url!.AbsolutePath.EndsWith("querySoftwareDetail")
                    ? "{\"cgVersion\":[],\"cgPlugin\":[]}" : "[]";
                var bytes = Encoding.UTF8.GetBytes(
                    "{\"version\":\"2.0.0\",\"result\":true,\"message\":\"success\",\"code\":200,\"data\":" + data
                    + ",\"serverTime\":" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + "}");
                ctx.Response.ContentType = "application/json";
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        });
        using var client = t.NewClient(o => o.Domain = $"http://127.0.0.1:{port}");
        await new SoftwareApi(client).GetVersionsAsync(2000, RbOperatingSystem.Linux, default);
        await new SoftwareApi(client).GetVersionsAsync(2000, RbOperatingSystem.Windows, default);
        await new SoftwareApi(client).GetRenderEnvsAsync(new[] { 2000 }, null, default);
        await new SoftwareApi(client).GetRenderEnvsAsync(new[] { 2000, 2004 }, RbOperatingSystem.Linux, default);
        listener.Stop();
        var detail = bodies.Where(b => b.Path.EndsWith("querySoftwareDetail")).Select(
            b => b.Body.GetProperty("osName").GetString()).ToList();
        Assert.Equal(new[] { "linux", "windows" }, detail);
        var envs = bodies.Where(b => b.Path.EndsWith("getUserPluginConfig")).ToList();
        Assert.Equal(3, envs.Count);
        Assert.All(envs, b => Assert.Equal(JsonValueKind.Number, b.Body.GetProperty("osName").ValueKind));
        Assert.Equal(new[] { 1, 0, 0 }, envs.Select(b => b.Body.GetProperty("osName").GetInt32()));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Fact]
    public async Task Plugins_of_a_software_carry_their_software_version_and_OS()
    {
        var plugins = await new SoftwareApi(t.Client).GetPluginsAsync("maya", RbOperatingSystem.Linux, default);
        var versions = await new SoftwareApi(t.Client).GetVersionsAsync(2000, RbOperatingSystem.Linux, default);
        Assert.Equal(versions.Sum(v => v.Plugins.Count), plugins.Count);
        Assert.All(
            plugins,
            p => { Assert.Equal(2000, p.SoftwareId); Assert.Equal("Maya",
            p.SoftwareName); Assert.Equal(RbOperatingSystem.Linux, p.OS); });
        Assert.Contains(
            plugins, p => p.SoftwareVersion == "2022" && p.Version == "mtoa 5.3.0" && p.PluginName == "mtoa");
        Assert.Equal(
            "Rb.UnsupportedOS", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(t.Client).GetPluginsAsync("2001", RbOperatingSystem.Linux, default))).ErrorId);
        Assert.Equal(
            "Rb.UnknownSoftware", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(t.Client).GetPluginsAsync("lightwave", RbOperatingSystem.Windows, default))).ErrorId);
    }

    [Fact]
    public async Task Render_envs_of_every_OS_are_listed()
    {
        var all = await new SoftwareApi(t.Client).GetRenderEnvsAsync(null, null, default);
        Assert.Contains(all, e => e.Name == "houdini-linux" && e.OS == RbOperatingSystem.Linux);
        Assert.Contains(all, e => e.Name == "maya2022-arnold" && e.OS == RbOperatingSystem.Windows);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task Editing_an_environment_keeps_what_is_not_given_and_follows_plugins_to_a_new_version()
    {
        var edit = await new SoftwareApi(t.Client).PlanRenderEnvEditAsync(
            new RbRenderEnvChange { Name = "maya2022-arnold", Version = "2023" }, default);
        Assert.Equal(0, Sent("editUserPluginConfig"));
        var env = await new SoftwareApi(t.Client).ApplyRenderEnvEditAsync(edit, default);
        Assert.Equal("2023", env.Version);
        Assert.Equal(RbOperatingSystem.Windows, env.OS);
        Assert.Equal(new[] { "mtoa 5.3.0" }, env.Plugins.Select(p => p.Version));
        var versions = await new SoftwareApi(t.Client).GetVersionsAsync(2000, RbOperatingSystem.Windows, default);
        Assert.Contains(
            env.Plugins.Single().PluginId, versions.Single(v => v.Version == "2023").Plugins.Select(p => p.PluginId));

        var linux = await new SoftwareApi(t.Client).ApplyRenderEnvEditAsync(
            await new SoftwareApi(t.Client).PlanRenderEnvEditAsync(
            new RbRenderEnvChange { Name = "MAYA2022-ARNOLD", OS = RbOperatingSystem.Linux,
                Plugins = new[] { "redshift" } }, default), default);
        Assert.Equal(RbOperatingSystem.Linux, linux.OS);
        Assert.Equal(new[] { "redshift 3.5.16" }, linux.Plugins.Select(p => p.Version));
        Assert.True(linux.IsDefault);   // the only Maya environment on Linux
        Assert.Empty(
            await new SoftwareApi(t.Client).GetRenderEnvsAsync(new[] { 2000 }, RbOperatingSystem.Windows, default));
    }

    [Fact]
    public async Task A_plan_reads_the_software_list_once_and_a_blank_name_is_refused_before_any_request()
    {
        var sw = new SoftwareApi(t.Client);
        t.Emulator.ClearRequests();
        var plan = await sw.PlanRenderEnvAsync(
            new RbRenderEnvSpec { Name = "maya-once", Software = "Maya", Version = "2024" }, default);
        Assert.Equal("Maya", plan.Software.Name);
        Assert.Equal(1, Sent("querySoftwareList"));
        t.Emulator.ClearRequests();
        var edit = await sw.PlanRenderEnvEditAsync(
            new RbRenderEnvChange { Name = "maya2022-arnold", Version = "2023" }, default);
        Assert.Equal("2023", edit.Plan!.Version.Version);
        Assert.Equal(1, Sent("querySoftwareList"));

        t.Emulator.ClearRequests();
        foreach (var call in new Func<Task>[]
        {
            () => sw.PlanRenderEnvAsync(
                new RbRenderEnvSpec { Name = "  ", Software = "Maya", Version = "2024" }, default),
            () => sw.PlanRenderEnvEditAsync(new RbRenderEnvChange { Name = " ", Version = "2023" }, default),
            () => sw.FindRenderEnvAsync("", default),
            () => sw.RemoveRenderEnvAsync("\t", default),
        })
        {
            var ex = await Assert.ThrowsAsync<RbValidationException>(call);
            Assert.Equal(RbInputRules.RenderEnvName.ErrorId, ex.ErrorId);
            Assert.Equal(RbInputRules.RenderEnvName.Action, ex.RecommendedAction);
        }
        Assert.Empty(t.Emulator.Requests);
    }

    [Theory]
    [InlineData("maya2022-arnold", "1999", "Rb.UnknownSoftwareVersion")]
    [InlineData("nope", "2023", "Rb.RenderEnvNotFound")]
    [InlineData("maya2022-arnold", null, "Rb.NoRenderEnvChange")]
    public async Task A_bad_edit_is_refused_before_anything_is_sent(string name, string? version, string errorId)
    {
        var ex = await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(t.Client).PlanRenderEnvEditAsync(
            new RbRenderEnvChange { Name = name, Version = version }, default));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(0, Sent("editUserPluginConfig") + Sent("setDefaultUserPluginConfig"));
    }

    [Fact]
    public async Task One_default_per_software_and_OS_and_the_default_is_deleted_last()
    {
        var sw = new SoftwareApi(t.Client);
        var second = await sw.AddRenderEnvAsync(
            await sw.PlanRenderEnvAsync(
            new RbRenderEnvSpec { Name = "maya2024-vray", Software = "Maya", Version = "2024",
            Plugins = new[] { "vrayformaya 6.10.01" } }, default), default);
        Assert.False(second.IsDefault);
        var linux = await sw.AddRenderEnvAsync(
            await sw.PlanRenderEnvAsync(
            new RbRenderEnvSpec { Name = "maya-linux", Software = "Maya", Version = "2024",
            OS = RbOperatingSystem.Linux }, default), default);
        Assert.True(linux.IsDefault);   // first Maya environment on Linux

        var made = await sw.ApplyRenderEnvEditAsync(
            await sw.PlanRenderEnvEditAsync(
            new RbRenderEnvChange { Name = "maya2024-vray", MakeDefault = true }, default), default);
        Assert.True(made.IsDefault);
        Assert.Equal(0, Sent("editUserPluginConfig"));
        var maya = await sw.GetRenderEnvsAsync(new[] { 2000 }, null, default);
        Assert.Equal(
            new[] { "maya-linux", "maya2024-vray" }, maya.Where(e => e.IsDefault).Select(e => e.Name).OrderBy(n => n));

        var refused = await Assert.ThrowsAsync<RbApiException>(() => sw.RemoveRenderEnvAsync("maya2024-vray", default));
        Assert.Equal(RbCodes.ParameterInvalid, refused.Code);
        await sw.RemoveRenderEnvAsync("maya2022-arnold", default);
        await sw.RemoveRenderEnvAsync("maya2024-vray", default);   // now the last Maya environment on Windows
        Assert.Equal(
            new[] { "maya-linux" }, (await sw.GetRenderEnvsAsync(new[] { 2000 }, null, default)).Select(e => e.Name));
        Assert.Equal(
            RbCodes.ResourceNotFound, (
            await Assert.ThrowsAsync<RbApiException>(() => sw.RemoveRenderEnvAsync("maya2024-vray", default))).Code);
    }
}
