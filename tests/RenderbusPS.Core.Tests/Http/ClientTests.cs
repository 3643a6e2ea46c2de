using RenderbusPS.Core.Api;
using System.Diagnostics;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Core.Tests;

public class ClientTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 30);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task Lists_platforms_of_the_zone_and_reads_the_user_profile()
    {
        var platforms = await new AccountApi(t.Client).GetPlatformsAsync(default);
        Assert.Contains(platforms, p => p.Platform == t.Emulator.Platform && p.TaskPrefix == "W");
        var user = await new AccountApi(t.Client).GetUserAsync(default);
        Assert.Equal("rb_emulator_1", user.UserName);
        Assert.True(user.UserId > 0);
        Assert.Equal(5000m, user.Balance);
        Assert.True(
            user.Extra.ContainsKey("cpuPrice") == false && user.Extra.ContainsKey("softType"),
            "unnamed fields stay reachable");
    }

    [Fact]
    public async Task A_wrong_key_fails_with_a_typed_error_naming_the_code()
    {
        using var bad = t.NewClient(
            o => o.Credential = new RbCredential(t.Emulator.AccessId, RbCredential.ToSecureString("wrong-key")));
        var ex = await Assert.ThrowsAsync<RbApiException>(() => new AccountApi(bad).GetUserAsync(default));
        Assert.Equal(611, ex.Code);
        Assert.Equal("SignatureInvalid", ex.CodeName);
        Assert.Equal(RbCatalog.QueryUserProfile.Path, ex.Path);
        Assert.StartsWith("emu-", ex.RequestId);
        Assert.Contains("access key", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_zone_mismatch_answers_608_on_a_strict_emulator_and_is_answered_for_its_zone_otherwise()
    {
        using var other = t.NewClient(o => o.Zone = 2);
        Assert.NotEmpty(await new AccountApi(other).GetPlatformsAsync(default));
        using var strict = RbEmulator.Start(new RbEmulatorOptions { TaskCount = 1, Speed = 0, StrictZone = true });
        using var wrong = new RbClient(
            new RbClientOptions { Domain = strict.Domain, Platform = strict.Platform, Zone = 2,
            Credential = new RbCredential(strict.AccessId, strict.AccessKey) });
        var ex = await Assert.ThrowsAsync<RbApiException>(() => new AccountApi(wrong).GetPlatformsAsync(default));
        Assert.Equal(608, ex.Code);
    }

    [Fact]
    public async Task An_unknown_platform_is_refused_with_a_message_listing_the_platforms()
    {
        using var other = t.NewClient(o => o.Platform = 99);
        var ex = await Assert.ThrowsAsync<RbApiException>(() => new AccountApi(other).GetUserAsync(default));
        Assert.Equal(600, ex.Code);
        Assert.Contains("99", ex.ApiMessage);
        Assert.Contains("21", ex.ApiMessage);
    }

    [Fact]
    public async Task An_operation_the_emulator_does_not_serve_answers_400_and_a_missing_task_is_Rb_TaskNotFound()
    {
        // the emulator serves the whole catalog now: a path the service has never had stands for one it does not serve
        var notServed = new RbOperation(
            "noSuchOperation", "Tasks", "/api/render/handle/noSuchOperation", null, RbRepeat.Read, 0, null, 0);
        Assert.DoesNotContain(notServed.Path, t.Emulator.ServedOperations.Select(o => o.Path));
        var ex = await Assert.ThrowsAsync<RbApiException>(() => t.Client.SendAsync(notServed, null, default));
        Assert.Equal(400, ex.Code);
        Assert.Equal("ApiError", ex.CodeName);
        Assert.Contains("No API at", ex.ApiMessage);

        var missing = await Assert.ThrowsAsync<RbValidationException>(
            () => new FramesApi(t.Client).List(999_999_999).ReadAllAsync(default));
        Assert.Equal("Rb.TaskNotFound", missing.ErrorId);
        Assert.Contains(t.Emulator.Requests, r => r.Operation == "queryTaskFrames" && r.Code == 404);
    }

    [Fact]
    public async Task A_handler_that_throws_answers_500_in_the_envelope_and_the_client_retries_reads()
    {
        t.Emulator.Faults.Add(new RenderbusPS.Emulator.Faults.RbFault { Operation = "queryUserProfile", Throw = true });
        var user = await new AccountApi(t.Client).GetUserAsync(default);
        Assert.Equal("rb_emulator_1", user.UserName);
        var answered = t.Emulator.Requests.Where(r => r.Operation == "queryUserProfile").Select(r => r.Code).ToList();
        Assert.Equal(new[] { 500, 200 }, answered);

        // stopping is idempotent: after a 500 (it may have acted) it is sent again, and the task is stopped once
        t.Emulator.Faults.Add(new RenderbusPS.Emulator.Faults.RbFault { Operation = "stopTask", Throw = true });
        var id = (
            await new TasksApi(t.Client).List(
            new RenderbusPS.Core.Api.RbTaskQuery { Status = new[] { RenderbusPS.Core.Models.RbTaskStatus.Rendering } })
            .ReadAllAsync(default)).First().Id;
        var result = Assert.Single(await new TasksApi(t.Client).StopAsync(new[] { id }, default));
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(new[] { 500, 200 }, t.Emulator.Requests.Where(r => r.Operation == "stopTask").Select(r => r.Code));
    }

    [Fact]
    public async Task A_closed_port_is_a_transport_error()
    {
        var port = t.Emulator.Port;
        t.Emulator.Stop();
        using var client = new RbClient(new RbClientOptions
        {
            Domain = $"http://127.0.0.1:{port}", Credential = new RbCredential(
                "id", RbCredential.ToSecureString("key")), MaxRetries = 0,
        });
        var ex = await Assert.ThrowsAsync<RbTransportException>(() => new AccountApi(client).GetUserAsync(default));
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Null(ex.HttpStatus);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_envelope_is_a_protocol_error()
    {
        using var client = t.NewClient(o => o.MaxRetries = 0);
        t.Emulator.Faults.GarbleNext(1);
        var ex = await Assert.ThrowsAsync<RbProtocolException>(() => new AccountApi(client).GetUserAsync(default));
        Assert.Contains("not JSON", ex.Message);
    }

    [Fact]
    public async Task Reads_are_retried_after_code_500_and_http_503()
    {
        t.Emulator.Faults.FailNext(2, 500);
        var user = await new AccountApi(t.Client).GetUserAsync(default);
        Assert.NotNull(user.UserName);
        t.Emulator.Faults.HttpFailNext(1, 503);
        Assert.NotEmpty(await new AccountApi(t.Client).GetPlatformsAsync(default));
        var codes = t.Emulator.Requests.Select(r => r.Code).ToList();
        Assert.Equal(new[] { 500, 500, 200, 0, 200 }, codes);
    }

    [Fact]
    public async Task A_write_that_acts_again_is_sent_again_only_when_the_service_did_not_act()
    {
        var before = t.Emulator.TaskCount;
        t.Emulator.ClearRequests();
        // a 503 says the service did not act: createTask is sent again and creates its task once
        t.Emulator.Faults.HttpFailNext(1, 503);
        var created = await new SubmitApi(t.Client).CreateAsync(
            new RenderbusPS.Core.Api.RbNewTaskSpec { Count = 1 }, default);
        Assert.Single(created);
        var creates = t.Emulator.Requests.Where(r => r.Operation == "createTask").ToList();
        Assert.Equal(2, creates.Count);
        Assert.Equal(200, creates.Last().Code);
        Assert.Equal(before + 1, t.Emulator.TaskCount);

        // a 500 may have acted: it is not sent again, and the error says the outcome is unknown and what to check
        t.Emulator.ClearRequests();
        t.Emulator.Faults.FailNext(1, 500);
        var unknown = await Assert.ThrowsAsync<RbOutcomeUnknownException>(
            () => new SubmitApi(t.Client).CreateAsync(new RenderbusPS.Core.Api.RbNewTaskSpec { Count = 1 }, default));
        Assert.Contains("Get-RbTask", unknown.RecommendedAction);
        Assert.Single(t.Emulator.Requests, r => r.Operation == "createTask");
        Assert.Equal(before + 1, t.Emulator.TaskCount);
    }

    [Fact]
    public async Task A_clock_that_is_off_is_corrected_from_the_service_time_once()
    {
        using var client = t.NewClient();
        client.ShiftClock(TimeSpan.FromMinutes(-20));
        var user = await new AccountApi(client).GetUserAsync(default);
        Assert.NotNull(user.UserName);
        Assert.InRange(client.ClockOffset.TotalSeconds, -5, 5);
        Assert.Equal(new[] { 610, 200 }, t.Emulator.Requests.Select(r => r.Code));
    }

    [Fact]
    public async Task Cancelling_stops_the_request_in_flight()
    {
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(10);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AccountApi(t.Client).GetUserAsync(cts.Token));
        Assert.True(
            watch.Elapsed < TimeSpan.FromSeconds(8), "the call returned when cancelled, not when the server answered");
    }

    [Fact]
    public async Task A_slow_answer_past_the_timeout_is_a_transport_timeout()
    {
        using var client = t.NewClient(o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 0; });
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(5);
        var ex = await Assert.ThrowsAsync<RbTransportException>(() => new AccountApi(client).GetUserAsync(default));
        Assert.True(ex.IsTimeout);
    }

    [Fact]
    public void Bad_options_are_refused_before_anything_is_sent()
    {
        Assert.Equal(
            "Rb.NoCredential", Assert.Throws<RbValidationException>(() => new RbClient(new RbClientOptions())).ErrorId);
        var plainHttp = Assert.Throws<RbValidationException>(
            () => t.NewClient(o => o.Domain = "http://task.renderbus.com"));
        Assert.Equal("Rb.InvalidDomain", plainHttp.ErrorId);
        Assert.Equal(
            "Rb.InvalidDomain", Assert.Throws<RbValidationException>(
            () => t.NewClient(o => o.Domain = "task.renderbus.com/api")).ErrorId);
        Assert.Equal(
            "Rb.InvalidPlatform", Assert.Throws<RbValidationException>(() => t.NewClient(o => o.Platform = 0)).ErrorId);
    }

    [Fact]
    public void Domains_keep_the_host_as_configured_for_signing()
    {
        Assert.Equal("task.renderbus.com", RbEndpoint.Parse("task.renderbus.com").SignHost);
        Assert.Equal("https://task.renderbus.com/", RbEndpoint.Parse("task.renderbus.com").BaseUri.ToString());
        Assert.Equal("127.0.0.1:8080", RbEndpoint.Parse("http://127.0.0.1:8080").SignHost);
        Assert.Equal(2, RbEndpoint.Parse("jop.foxrenderfarm.com").DefaultZone);
        Assert.Equal(1, RbEndpoint.Parse("task.renderbus.com").DefaultZone);
    }

    [Fact]
    public async Task A_session_proves_its_credential_and_refuses_use_after_disconnect()
    {
        var session = await RbSession.ConnectAsync(t.Options(), default);
        Assert.Equal("rb_emulator_1", session.UserName);
        Assert.True(session.IsLocal);
        Assert.Equal(t.Emulator.AccessId, session.AccessId);
        session.Dispose();
        Assert.False(session.IsConnected);
        Assert.Equal("Rb.SessionClosed", Assert.Throws<RbValidationException>(() => session.Client).ErrorId);

        var bad = t.Options(
            o => o.Credential = new RbCredential(t.Emulator.AccessId, RbCredential.ToSecureString("nope")));
        Assert.Equal(611, (await Assert.ThrowsAsync<RbApiException>(() => RbSession.ConnectAsync(bad, default))).Code);
    }
}
