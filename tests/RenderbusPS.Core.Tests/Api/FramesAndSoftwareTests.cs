using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

public class FramesAndSoftwareTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 40);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task Frames_of_a_sub_task_and_of_its_parent_page_through_completely()
    {
        var task = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).First(
            x => x.SubTasks.Count > 1 && x.TotalFrames > 5);
        var sub = task.SubTasks.Last();
        var frames = await new FramesApi(t.Client).List(sub.Id, pageSize: 3).ReadAllAsync(default);
        Assert.Equal(sub.TotalFrames, frames.Count);
        Assert.All(frames, f => Assert.Equal(sub.Id, f.TaskId));
        Assert.Equal(sub.DoneFrames, frames.Count(f => f.Status == RbFrameStatus.Finished));
        var parentFrames = await new FramesApi(t.Client).List(task.Id, pageSize: 5).ReadAllAsync(default);
        Assert.Equal(task.TotalFrames, parentFrames.Count);
        Assert.Equal(task.Cost, parentFrames.Sum(f => f.Cost + f.CouponCost));
    }

    [Fact]
    public async Task Finished_frames_carry_fees_and_times()
    {
        var task = (
            await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Finished } })
            .ReadAllAsync(default)).First(x => x.TotalFrames > 0);
        var frames = await new FramesApi(t.Client).List(task.Id).ReadAllAsync(default);
        Assert.All(frames, f =>
        {
            Assert.Equal(RbFrameStatus.Finished, f.Status);
            Assert.NotNull(f.StartedAt);
            Assert.True(f.EndedAt > f.StartedAt);
            Assert.True(f.Cost + f.CouponCost > 0);
            Assert.True(f.Duration > TimeSpan.Zero);
        });
    }

    [Fact]
    public async Task Frames_of_an_unknown_task_are_Rb_TaskNotFound()
    {
        // the service answers 404; one look-up tells it is the task that is missing
        var ex = await Assert.ThrowsAsync<RbValidationException>(
            () => new FramesApi(t.Client).List(123).ReadAllAsync(default));
        Assert.Equal("Rb.TaskNotFound", ex.ErrorId);
        Assert.Equal(123L, ex.Target);
    }

    [Fact]
    public async Task The_software_catalog_names_programs_versions_and_plugins()
    {
        var software = await new SoftwareApi(t.Client).GetSoftwareAsync(default);
        Assert.Contains(
            software, s => s.SoftwareId == 2000 && s.Name == "Maya" && s.FileTypes.Contains("mb") && s.SupportsLinux);
        Assert.Single(software, s => s.IsDefault);
        var maya = await new SoftwareApi(t.Client).GetVersionsAsync(2000, RbOperatingSystem.Windows, default);
        var v2022 = Assert.Single(maya, v => v.Version == "2022");
        Assert.Contains(v2022.Plugins, p => p.Version == "mtoa 5.3.0");
        Assert.Empty(await new SoftwareApi(t.Client).GetVersionsAsync(2001, RbOperatingSystem.Linux, default));
        Assert.Equal(
            "Rb.UnknownSoftware", (
            await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(t.Client).ResolveSoftwareAsync("Lightwave", default))).ErrorId);
        Assert.Equal(2001, (await new SoftwareApi(t.Client).ResolveSoftwareAsync("3dsmax", default)).SoftwareId);
        Assert.Equal(2004, (await new SoftwareApi(t.Client).ResolveSoftwareAsync("2004", default)).SoftwareId);
    }

    [Fact]
    public async Task A_new_render_environment_is_resolved_through_the_catalog_and_listed_afterwards()
    {
        var before = await new SoftwareApi(t.Client).GetRenderEnvsAsync(null, null, default);
        Assert.Contains(before, e => e.Name == "maya2022-arnold" && e.IsDefault);
        var plan = await new SoftwareApi(t.Client).PlanRenderEnvAsync(new RbRenderEnvSpec
        {
            Name = "maya2023-rs", Software = "maya", Version = "2023", OS = RbOperatingSystem.Linux,
            Plugins = new[] { "redshift" },
                PluginIds = new[] { (
                await new SoftwareApi(t.Client).GetVersionsAsync(2000, RbOperatingSystem.Linux, default))
                .Single(v => v.Version == "2023").Plugins.First(p => p.Name == "yeti").PluginId },
        }, default);
        Assert.Contains("Maya 2023 on Linux", plan.Description);
        var env = await new SoftwareApi(t.Client).AddRenderEnvAsync(plan, default);
        Assert.Equal("maya2023-rs", env.Name);
        Assert.Equal(RbOperatingSystem.Linux, env.OS);
        Assert.True(env.IsDefault);   // one default per software and OS: the first Maya environment on Linux
        Assert.Equal(new[] { "redshift", "yeti" }, env.Plugins.Select(p => p.Name).OrderBy(n => n));
        var after = await new SoftwareApi(t.Client).GetRenderEnvsAsync(
            new[] { 2000 }, RbOperatingSystem.Linux, default);
        Assert.Contains(after, e => e.Name == "maya2023-rs");
    }

    [Theory]
    [InlineData("Lightwave", "2023", "", "Rb.UnknownSoftware")]
    [InlineData("Maya", "1999", "", "Rb.UnknownSoftwareVersion")]
    [InlineData("Maya", "2023", "octane", "Rb.UnknownPlugin")]
    [InlineData("Maya", "2023", "mtoa", "Rb.AmbiguousPlugin")]
    [InlineData("Maya", "2023", "existing", "Rb.RenderEnvExists")]
    [InlineData("3ds Max", "2023", "linux", "Rb.UnsupportedOS")]
    public async Task Bad_render_environment_input_is_refused_and_changes_nothing(
        string software, string version, string plugin, string errorId)
    {
        var before = await new SoftwareApi(t.Client).GetRenderEnvsAsync(null, null, default);
        var spec = new RbRenderEnvSpec
        {
            Name = plugin == "existing" ? "MAYA2022-ARNOLD" : "new-env", Software = software, Version = version,
            OS = plugin == "linux" ? RbOperatingSystem.Linux : RbOperatingSystem.Windows,
            Plugins = plugin is "" or "existing" or "linux" ? Array.Empty<string>() : new[] { plugin },
        };
        t.Emulator.ClearRequests();
        var ex = await Assert.ThrowsAsync<RbValidationException>(
            () => new SoftwareApi(t.Client).PlanRenderEnvAsync(spec, default));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        Assert.DoesNotContain(t.Emulator.Requests, r => r.Operation == RbCatalog.AddUserPluginConfig.Name);
        Assert.Equal(before.Count, (await new SoftwareApi(t.Client).GetRenderEnvsAsync(null, null, default)).Count);
    }

    [Fact]
    public async Task The_emulator_itself_refuses_an_inconsistent_environment()
    {
        var body = new RbBody().Add("cgId", 2000).Add("cgName", "Houdini").Add("cgVersion", "2023").Add("editName", "x")
            .Add("renderSystem", "1").Add("pluginIds", new long[0]);
        var ex = await Assert.ThrowsAsync<RbApiException>(
            () => t.Client.SendAsync(RbCatalog.AddUserPluginConfig, body, default));
        Assert.Equal(600, ex.Code);
        Assert.Contains("does not match", ex.ApiMessage);
        var noName = new RbBody().Add("cgId", 2000).Add("cgName", "Maya").Add("cgVersion", "2023")
            .Add("renderSystem", "1");
        Assert.Equal(
            601, (await Assert.ThrowsAsync<RbApiException>(
            () => t.Client.SendAsync(RbCatalog.AddUserPluginConfig, noName, default))).Code);
    }
}
