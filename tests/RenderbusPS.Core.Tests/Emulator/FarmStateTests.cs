using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The farm state a script sets on the emulator to see how it copes (RbEmulator.Farm.cs): the balance, the service's
/// clock and a retired software version, each seen through the API as a client sees it.
/// </summary>
public class FarmStateTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 60, seed: 8);

    public void Dispose() => t.Dispose();

    private async Task<decimal> Balance() => (await new AccountApi(t.Client).GetUserAsync(default)).Balance;

    [Fact]
    public async Task A_balance_set_is_what_the_profile_says_and_fees_booked_later_come_off_it()
    {
        Assert.Equal(5000m, await Balance());
        t.Emulator.Balance = 12.5m;
        Assert.Equal(12.5m, await Balance());
        Assert.Equal(12.5m, t.Emulator.Balance);

        t.Emulator.Advance(TimeSpan.FromHours(6));
        var after = await Balance();
        Assert.True(after < 12.5m, $"the farm rendered for six hours and the balance is still {after}");
        Assert.Equal(after, t.Emulator.Balance);
    }

    [Fact]
    public async Task The_services_clock_can_run_off_the_real_one_and_the_farms_clock_keeps_its_own()
    {
        var farm = t.Emulator.Now;
        t.Emulator.ClockSkew = TimeSpan.FromHours(-2);
        using var client = t.NewClient();
        await new AccountApi(client).GetUserAsync(default);

        Assert.Equal(RbCodes.SignatureExpired, t.Emulator.Requests[^2].Code);
        Assert.InRange(client.ClockOffset.TotalMinutes, -121, -119);
        Assert.Equal(farm, t.Emulator.Now);
        Assert.Equal(TimeSpan.FromHours(-2), t.Emulator.ClockSkew);
    }

    [Fact]
    public async Task A_retired_version_leaves_the_catalog_while_environments_keep_pointing_at_it()
    {
        var maya = await new SoftwareApi(t.Client).ResolveSoftwareAsync("Maya", default);
        Assert.Contains(
            "2022", (await new SoftwareApi(t.Client).GetVersionsAsync(maya.SoftwareId, RbOperatingSystem.Windows,
            default)).Select(v => v.Version));

        t.Emulator.RetireSoftwareVersion("maya", "2022");

        foreach (var os in new[] { RbOperatingSystem.Windows, RbOperatingSystem.Linux })
        {
            var versions = (await new SoftwareApi(t.Client).GetVersionsAsync(maya.SoftwareId, os, default))
                .Select(v => v.Version).ToList();
            Assert.DoesNotContain("2022", versions);
            Assert.Contains("2023", versions);
        }
        var envs = await new SoftwareApi(t.Client).GetRenderEnvsAsync(new[] { maya.SoftwareId }, null, default);
        Assert.Contains(envs, e => e.Name == "maya2022-arnold" && e.Version == "2022");
        Assert.Throws<ArgumentException>(() => t.Emulator.RetireSoftwareVersion("Maya", "2022"));
        Assert.Throws<ArgumentException>(() => t.Emulator.RetireSoftwareVersion("Lightwave", "1"));
    }
}
