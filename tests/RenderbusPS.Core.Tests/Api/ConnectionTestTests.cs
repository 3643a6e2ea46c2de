using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// Test-RbConnection's checks against the emulator made unwell on purpose: each farm state fails the check it should,
/// for the reason it should, and leaves the others passing; no failure is an exception.
/// </summary>
public class ConnectionTestTests : IDisposable
{
    private static readonly string[] Names = { "Host", "Clock", "Credential", "Zone", "Platform", "Balance" };
    private readonly TestEmulator t = new(taskCount: 20, seed: 3);

    public void Dispose() => t.Dispose();

    private static Dictionary<string, RbConnectionCheck> ByName(IReadOnlyList<RbConnectionCheck> checks)
    {
        Assert.Equal(Names, checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.Equal(c.Passed, c.Advice == null));
        return checks.ToDictionary(c => c.Name);
    }

    /// <summary>A check made before connecting, from options, as Test-RbConnection -Credential makes it.</summary>
    private Task<IReadOnlyList<RbConnectionCheck>> Before(Action<RbClientOptions>? tweak = null)
        => RbConnectionTest.RunAsync(t.Options(o => { o.MaxRetries = 1; tweak?.Invoke(o); }), null, default);

    private static void OnlyFailed(Dictionary<string, RbConnectionCheck> checks, params string[] failed)
        => Assert.Equal(failed, checks.Values.Where(c => !c.Passed).Select(c => c.Name));

    [Fact]
    public async Task A_healthy_account_passes_every_check_with_two_reads_and_the_values_measured()
    {
        t.Emulator.ClearRequests();
        var checks = ByName(await new RbConnectionTest(t.Client, 100m).RunAsync(default));

        OnlyFailed(checks);
        Assert.Equal(new[] { "queryUserProfile", "queryPlatforms" }, t.Emulator.Requests.Select(r => r.Operation));
        Assert.All(checks.Values, c => Assert.Equal(t.Emulator.HostAndPort, c.Domain));
        Assert.InRange(((TimeSpan)checks["Clock"].Value!).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal("rb_emulator_3", checks["Credential"].Value);
        Assert.Equal(1, checks["Zone"].Value);
        Assert.Equal(1, checks["Platform"].Value);
        Assert.Equal(5000m, checks["Balance"].Value);
        Assert.Contains("plain HTTP", checks["Host"].Measured);
        Assert.Equal("5000.00 CNY (at least 100.00 wanted)", checks["Balance"].Measured);
    }

    [Theory]
    [InlineData(8, "behind")]
    [InlineData(-8, "ahead of")]
    public async Task A_clock_off_the_services_fails_the_clock_check_with_the_skew_and_still_signs_in(int minutes,
        string direction)
    {
        t.Emulator.ClockSkew = TimeSpan.FromMinutes(minutes);
        var checks = ByName(await Before());

        OnlyFailed(checks, "Clock");
        var skew = (TimeSpan)checks["Clock"].Value!;
        Assert.InRange(skew.TotalSeconds, minutes * 60 - 5, minutes * 60 + 5);
        Assert.Matches($"^8(\\.\\d)? min {direction} the service's \\(5 min allowed\\)$", checks["Clock"].Measured);
        Assert.Contains("w32tm", checks["Clock"].Advice);
        // the first request was refused for its timestamp, the second signed with the service's time
        Assert.Equal(new[] { 610, 200, 200 }, t.Emulator.Requests.TakeLast(3).Select(r => r.Code));
    }

    [Fact]
    public async Task A_balance_below_the_minimum_fails_and_without_a_minimum_only_an_empty_account_does()
    {
        t.Emulator.Balance = 3m;
        var low = ByName(await new RbConnectionTest(t.Client, 100m).RunAsync(default));
        OnlyFailed(low, "Balance");
        Assert.Equal(3m, low["Balance"].Value);
        Assert.Equal("3.00 CNY (at least 100.00 wanted)", low["Balance"].Measured);
        Assert.Contains("Top up", low["Balance"].Advice);

        OnlyFailed(ByName(await new RbConnectionTest(t.Client, null).RunAsync(default)));
        t.Emulator.Balance = 0m;
        OnlyFailed(ByName(await new RbConnectionTest(t.Client, null).RunAsync(default)), "Balance");
    }

    [Fact]
    public async Task A_platform_that_is_down_fails_and_a_busy_or_full_one_passes_with_its_status()
    {
        t.Emulator.SetPlatformStatus(2, 0);
        var down = ByName(await new RbConnectionTest(t.Client, null).RunAsync(default));
        OnlyFailed(down, "Platform");
        Assert.Equal("platform 2 (query_platform_w2): not enabled", down["Platform"].Measured);

        var busy = ByName(await Before(o => o.Platform = 6));
        OnlyFailed(busy);
        Assert.Equal("platform 6 (query_platform_w6): busy", busy["Platform"].Measured);
        Assert.Contains("full", ByName(await Before(o => o.Platform = 62))["Platform"].Measured);
        Assert.Throws<ArgumentException>(() => t.Emulator.SetPlatformStatus(7, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Emulator.SetPlatformStatus(2, 4));
    }

    [Fact]
    public async Task A_key_that_was_reset_fails_the_credential_and_leaves_what_needs_it_unchecked()
    {
        t.Emulator.CredentialRevoked = true;
        var checks = ByName(await new RbConnectionTest(t.Client, null).RunAsync(default));

        OnlyFailed(checks, "Credential", "Zone", "Platform", "Balance");
        Assert.StartsWith($"{t.Emulator.AccessId} refused: 611 (SignatureInvalid)", checks["Credential"].Measured);
        Assert.Contains("access key", checks["Credential"].Advice);
        Assert.All(new[] { "Zone", "Platform", "Balance" },
            n => Assert.Equal("not checked: the credential was not accepted", checks[n].Measured));
        // the refusal carried the service's time: the clock was still measured
        Assert.NotNull(checks["Clock"].Value);

        t.Emulator.CredentialRevoked = false;
        OnlyFailed(ByName(await new RbConnectionTest(t.Client, null).RunAsync(default)));
    }

    [Fact]
    public async Task A_wrong_key_fails_the_credential_and_the_key_shows_in_no_check()
    {
        var key = "wrong-" + t.KeyText();
        var checks = ByName(await Before(o => o.Credential = new RbCredential(t.Emulator.AccessId,
            RbCredential.ToSecureString(key))));

        OnlyFailed(checks, "Credential", "Zone", "Platform", "Balance");
        var text = string.Join("\n", checks.Values.Select(c => c + " " + c.Advice + " " + c.Value));
        Assert.DoesNotContain(t.KeyText(), text);
        Assert.DoesNotContain(key, text);
    }

    [Fact]
    public async Task No_credential_at_all_still_measures_the_host_and_the_clock()
    {
        var saved = (Environment.GetEnvironmentVariable(RbCredential.IdVariable),
            Environment.GetEnvironmentVariable(RbCredential.KeyVariable));
        Environment.SetEnvironmentVariable(RbCredential.IdVariable, null);
        Environment.SetEnvironmentVariable(RbCredential.KeyVariable, null);
        try
        {
            var checks = ByName(await Before(o => o.Credential = null));
            OnlyFailed(checks, "Credential", "Zone", "Platform", "Balance");
            Assert.Contains(RbCredential.IdVariable, checks["Credential"].Measured);
            Assert.Contains("-Credential", checks["Credential"].Advice);
            Assert.NotNull(checks["Clock"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RbCredential.IdVariable, saved.Item1);
            Environment.SetEnvironmentVariable(RbCredential.KeyVariable, saved.Item2);
        }
    }

    [Fact]
    public async Task A_host_that_does_not_answer_fails_the_host_and_nothing_else_is_checked()
    {
        var options = t.Options(o => o.MaxRetries = 1);
        t.Emulator.Stop();
        var checks = ByName(await RbConnectionTest.RunAsync(options, null, default));

        OnlyFailed(checks, Names);
        Assert.StartsWith($"Could not reach {t.Emulator.HostAndPort}", checks["Host"].Measured);
        Assert.Contains("DNS", checks["Host"].Advice);
        Assert.All(Names.Skip(1), n => Assert.StartsWith("not checked:", checks[n].Measured));
    }

    [Fact]
    public async Task A_gateway_page_or_an_HTTP_error_instead_of_the_API_fails_the_host()
    {
        t.Emulator.Faults.GarbleNext(2);
        var html = ByName(await Before());
        Assert.StartsWith("It answered, but not as the Renderbus API", html["Host"].Measured);

        t.Emulator.Faults.HttpFailNext(2, 502);
        var gateway = ByName(await Before());
        Assert.Contains("HTTP 502", gateway["Host"].Measured);
        Assert.StartsWith("A proxy or gateway", gateway["Host"].Advice);
        // one failure is ridden out by the test's one retry
        t.Emulator.Faults.HttpFailNext(1, 503);
        OnlyFailed(ByName(await Before()));
    }

    [Fact]
    public async Task An_account_of_the_other_zone_fails_the_zone_check_and_names_the_domain_to_use()
    {
        using var overseas = RbEmulator.Start(new RbEmulatorOptions
        {
            Seed = 3, TaskCount = 0, Zone = 2, StrictZone = true,
        });
        var options = new RbClientOptions
        {
            Domain = overseas.Domain, Platform = overseas.Platform, Zone = 1, MaxRetries = 1,
            Credential = new RbCredential(overseas.AccessId, overseas.AccessKey),
        };
        var checks = ByName(await RbConnectionTest.RunAsync(options, null, default));

        OnlyFailed(checks, "Zone", "Platform");
        Assert.Equal($"608 from the service: the account is not in {overseas.HostAndPort}'s zone "
            + "(This account is in zone 2; zone 1 does not match.)", checks["Zone"].Measured);
        Assert.Contains("jop.foxrenderfarm.com", checks["Zone"].Advice);
        Assert.Equal("800.00 USD (more than 0 wanted)", checks["Balance"].Measured);

        // without -Zone the host names none, and the profile's zone is taken
        options = new RbClientOptions
        {
            Domain = overseas.Domain, Platform = overseas.Platform,
            Credential = new RbCredential(overseas.AccessId, overseas.AccessKey),
        };
        var inferred = ByName(await RbConnectionTest.RunAsync(options, null, default));
        OnlyFailed(inferred);
        Assert.Equal($"zone 2 (overseas); {overseas.HostAndPort} names no zone",
            inferred["Zone"].Measured);
    }

    [Fact]
    public async Task Bad_options_are_refused_before_anything_is_sent_and_the_credential_is_disposed()
    {
        var count = t.Emulator.RequestCount;
        var options = t.Options(o => o.Domain = "ftp://example.invalid");
        var error = await Assert.ThrowsAsync<RbValidationException>(() => RbConnectionTest.RunAsync(options, null,
            default));
        Assert.Equal("Rb.InvalidDomain", error.ErrorId);
        Assert.Equal(count, t.Emulator.RequestCount);
        Assert.Throws<ObjectDisposedException>(() => options.Credential!.Mac(new byte[1], new byte[32]));
    }
}
