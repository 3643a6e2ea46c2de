using System.Diagnostics;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// RbFarmValues, what tab completion offers: read from the farm with reads only, kept for a while, never waited for
/// past the budget, and nothing (rather than an error) when the farm is slow or broken.
/// </summary>
public class FarmValuesTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 300, seed: 11);
    private TimeSpan now;

    public void Dispose() => t.Dispose();

    /// <summary>Values on a clock the test moves.</summary>
    private RbFarmValues Values() => new(t.Client, () => now);

    [Fact]
    public async Task Each_kind_of_value_is_what_the_api_lists()
    {
        var values = Values();
        var envs = await new SoftwareApi(t.Client).GetRenderEnvsAsync(null, null, default);
        Assert.Equal(envs.Select(e => e.Name).OrderBy(n => n),
            values.RenderEnvNames().Select(v => v.Value).OrderBy(n => n));
        var projects = await new ProjectsApi(t.Client).GetProjectsAsync(RbProjectScope.All, default);
        Assert.Equal(projects.Select(p => p.Name).OrderBy(n => n),
            values.ProjectNames(RbProjectScope.All).Select(v => v.Value).OrderBy(n => n));
        var versions = await new SoftwareApi(t.Client).GetVersionsAsync(2004, RbOperatingSystem.Linux, default);
        Assert.Equal(versions.Select(v => v.Version),
            values.SoftwareVersions("houdini", RbOperatingSystem.Linux).Select(v => v.Value));
        var plugins = (await new SoftwareApi(t.Client).GetPluginsAsync("Maya", RbOperatingSystem.Windows, default))
            .Where(p => p.SoftwareVersion == "2022").ToList();
        Assert.Equal(plugins.Select(p => p.Version),
            values.Plugins("Maya", "2022", RbOperatingSystem.Windows, RbPluginPart.Version).Select(v => v.Value));
        Assert.Equal(plugins.Select(p => p.PluginId.ToString()),
            values.Plugins("2000", "2022", RbOperatingSystem.Windows, RbPluginPart.Id).Select(v => v.Value));
        Assert.Equal(plugins.Select(p => p.PluginName).Distinct(),
            values.Plugins("Maya", null, RbOperatingSystem.Windows, RbPluginPart.Name).Select(v => v.Value));
        var platforms = await new AccountApi(t.Client).GetPlatformsAsync(default);
        Assert.Equal(platforms.Select(p => p.Platform.ToString()), values.Platforms().Select(v => v.Value));
        var hardware = await new TasksApi(t.Client).GetHardwareConfigsAsync(null, default);
        Assert.Equal(hardware.Where(h => h.Enabled).Select(h => h.HardwareConfigId.ToString()),
            values.HardwareConfigs().Select(v => v.Value));
        Assert.All(values.RenderEnvNames().Concat(values.Platforms()), v => Assert.StartsWith(v.Value, v.Description));
    }

    [Fact]
    public async Task Labels_are_those_of_the_tasks_given_or_of_the_newest_tasks()
    {
        var tasks = await new TasksApi(t.Client).List(new RbTaskQuery { First = 120 }).ReadAllAsync(default);
        await new TasksApi(t.Client).AddLabelAsync(new[] { tasks[0].Id }, "lookdev", default);
        await new TasksApi(t.Client).AddLabelAsync(new[] { tasks[1].Id }, "comp", default);
        // the 101st task is not on the newest page
        await new TasksApi(t.Client).AddLabelAsync(new[] { tasks[110].Id }, "archive", default);
        var values = Values();
        Assert.Equal(new[] { "comp", "lookdev" }, values.LabelNames(null).Select(v => v.Value).OrderBy(n => n));
        Assert.Equal(new[] { "archive" }, values.LabelNames(new[] { tasks[110].Id }).Select(v => v.Value));
        Assert.Empty(values.LabelNames(new[] { 987654321L }));
    }

    [Fact]
    public void A_list_is_read_once_for_its_lifetime_and_again_after_it()
    {
        var values = Values();
        Assert.NotEmpty(values.ProjectNames(RbProjectScope.Own));
        var read = t.Emulator.RequestCount;
        now += TimeSpan.FromSeconds(59);
        Assert.NotEmpty(values.ProjectNames(RbProjectScope.Own));
        Assert.Equal(read, t.Emulator.RequestCount);
        now += TimeSpan.FromSeconds(2);
        Assert.NotEmpty(values.ProjectNames(RbProjectScope.Own));
        Assert.Equal(read + 1, t.Emulator.RequestCount);
        // another scope is another list
        Assert.NotEmpty(values.ProjectNames(RbProjectScope.All));
        Assert.Equal(read + 2, t.Emulator.RequestCount);
    }

    [Fact]
    public void A_slow_farm_gives_nothing_within_the_budget_and_the_read_fills_the_cache_for_later()
    {
        var values = Values();
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(2.5);
        var watch = Stopwatch.StartNew();
        Assert.Empty(values.RenderEnvNames());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.4));
        t.Emulator.Faults.Delay = TimeSpan.Zero;
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<RbFarmValue> later;
        do later = values.RenderEnvNames();
        while (later.Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(20));
        Assert.NotEmpty(later);
    }

    [Fact]
    public void A_broken_farm_gives_nothing_and_is_not_asked_again_until_the_failure_is_old()
    {
        var values = Values();
        t.Emulator.Faults.Add(new Emulator.Faults.RbFault { Operation = "queryPlatforms", Count = 1000, Code = 400 });
        Assert.Empty(values.Platforms());
        var asked = t.Emulator.Requests.Count(r => r.Operation == "queryPlatforms");
        Assert.InRange(asked, 1, 10);
        var watch = Stopwatch.StartNew();
        Assert.Empty(values.Platforms());
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(200), "a known failure should answer at once, took "
            + watch.Elapsed);
        Assert.Equal(asked, t.Emulator.Requests.Count(r => r.Operation == "queryPlatforms"));

        t.Emulator.Faults.Clear();
        now += TimeSpan.FromSeconds(16);
        Assert.NotEmpty(values.Platforms());
    }

    [Fact]
    public void A_read_that_hangs_is_given_up_after_the_fetch_time_out_and_tried_again_later()
    {
        var values = Values();
        values.FetchTimeout = TimeSpan.FromSeconds(1.5);
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        Assert.Empty(values.HardwareConfigs());
        t.Emulator.Faults.Delay = TimeSpan.Zero;
        now += TimeSpan.FromSeconds(16);
        // the hung read is cancelled at its time-out, not after the farm's 30 seconds; then a new read gets the list
        IReadOnlyList<RbFarmValue> later;
        do later = values.HardwareConfigs();
        while (later.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(25));
        Assert.NotEmpty(later);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the hung read held the list for " + watch.Elapsed);
    }

    [Fact]
    public void Completing_reads_only_and_a_client_keeps_one_cache()
    {
        t.Emulator.ClearRequests();
        var values = RbFarmValues.For(t.Client);
        Assert.Same(values, RbFarmValues.For(t.Client));
        values.RenderEnvNames();
        values.ProjectNames(RbProjectScope.Own);
        values.LabelNames(new[] { 1L, 2L });
        values.LabelNames(null);
        values.SoftwareVersions("Maya", RbOperatingSystem.Windows);
        values.Plugins("Katana", "6.0", RbOperatingSystem.Linux, RbPluginPart.Version);
        values.Platforms();
        values.HardwareConfigs();
        var sent = t.Emulator.Requests;
        Assert.True(sent.Count >= 8, "sent only " + sent.Count);
        Assert.All(sent, r => Assert.Equal(RbRepeat.Read, RbCatalog.FindByName(r.Operation!)!.Repeat));
    }
}
