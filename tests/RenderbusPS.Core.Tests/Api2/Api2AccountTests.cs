using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>The account's users (query_customer with sub-accounts) and task-event notifications (update_customer)
/// over API 2.0, against the emulator.</summary>
public class Api2AccountTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 5, seed: 5);

    public void Dispose() => t.Dispose();

    private Task<RbSession> ConnectAsync() => RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 6), default);

    [Fact]
    public async Task Lists_the_main_account_and_every_sub_account_with_balances_per_currency()
    {
        t.Emulator.AddSubAccount("lighting_lead");
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var users = await session.Api2Account.ListUsersAsync(null, default);
        Assert.Equal(new[] { t.Emulator.Account }.Concat(t.Emulator.SubAccounts), users.Select(u => u.UserName));
        Assert.Contains("lighting_lead", users.Select(u => u.UserName));
        Assert.Equal(new int?[] { 1, 2, 2, 2 }, users.Select(u => u.AccountType));
        Assert.Equal(users.Count, users.Select(u => u.UserId).Distinct().Count());
        var main = users[0];
        var rest = await new AccountApi(t.Client).GetUserAsync(default);
        Assert.Equal((rest.UserId, rest.Balance), (main.UserId, main.Balance));
        // zone 1: Balance is RMB; the other currencies are numbers in Extra, the unnamed fields too
        Assert.Equal(0m, Assert.IsType<decimal>(main.Extra["usd_balance"]));
        Assert.IsType<decimal>(main.Extra["eur_balance"]);
        Assert.IsType<decimal>(main.Extra["gbp_balance"]);
        Assert.True(main.Extra.ContainsKey("register_date"));
        Assert.Single(t.Emulator.Requests, r => r.Operation == "query_customer");
    }

    private static RbNotification Note(string e, string? mode = null, string? address = null, string? user = null)
        => new() { Event = e, Mode = mode, Address = address, UserName = user };

    [Fact]
    public async Task Sets_a_notification_for_the_account_or_a_sub_account_and_the_emulator_keeps_it()
    {
        using var session = await ConnectAsync();
        var sub = t.Emulator.SubAccounts[1];
        t.Emulator.ClearRequests();
        var none = await session.Api2Account.SetNotificationAsync(
            Note("taskdone", "URL", " https://hooks.example.com/rb?x=1 "), false, default);
        Assert.Null(none);
        Assert.Single(t.Emulator.Requests);
        var kept = t.Emulator.GetNotification(t.Emulator.Account);
        Assert.Equal(("TaskDone", "Url", "https://hooks.example.com/rb?x=1"), (kept.Event, kept.Mode, kept.Address));
        var user = await session.Api2Account.SetNotificationAsync(Note("TaskFailed", "Sms", "+8613800000000", sub),
            true, default);
        Assert.Equal(sub, user!.UserName);
        Assert.Equal(2, user.AccountType);
        Assert.Equal("TaskFailed", t.Emulator.GetNotification(sub).Event);
        Assert.Equal("TaskDone", t.Emulator.GetNotification(t.Emulator.Account).Event);
        await session.Api2Account.SetNotificationAsync(Note("None", user: sub), false, default);
        Assert.Equal("None", t.Emulator.GetNotification(sub).Event);
        Assert.Null(t.Emulator.GetNotification(sub).Mode);
    }

    [Theory]
    [InlineData("TaskDone", "Url", "ftp://example.com/x", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskDone", "Url", "hooks.example.com/rb", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskStart", "Email", "ops.example.com", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskStart", "Email", "ops@example", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskFailed", "Sms", "138-0000-0000", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskFailed", "Sms", "ops@example.com", "Rb.InvalidNotificationAddress")]
    [InlineData("TaskFailed", null, "ops@example.com", "Rb.InvalidNotification")]
    [InlineData("TaskFailed", "Email", null, "Rb.InvalidNotification")]
    [InlineData("None", "Email", "ops@example.com", "Rb.InvalidNotification")]
    [InlineData("TaskEnd", "Email", "ops@example.com", "Rb.InvalidNotification")]
    [InlineData("TaskDone", "Fax", "ops@example.com", "Rb.InvalidNotification")]
    public async Task Refuses_a_bad_notification_before_sending_and_changes_nothing(string e, string? mode,
        string? address, string id)
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var error = await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Account.SetNotificationAsync(
            Note(e, mode, address), false, default));
        Assert.Equal(id, error.ErrorId);
        Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        Assert.Empty(t.Emulator.Requests);
        Assert.Equal("None", t.Emulator.GetNotification(t.Emulator.Account).Event);
    }

    [Fact]
    public async Task A_long_address_or_a_bad_user_name_is_refused_before_sending()
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        var longUrl = "https://example.com/" + new string('a', 240);
        var tooLong = await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Account.SetNotificationAsync(
            Note("TaskDone", "Url", longUrl), false, default));
        Assert.Equal("Rb.InvalidNotificationAddress", tooLong.ErrorId);
        var badName = await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Account.SetNotificationAsync(
            Note("None", user: "a\nb"), false, default));
        Assert.Equal("Rb.InvalidUserName", badName.ErrorId);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public async Task A_user_the_account_does_not_have_is_Rb_UserNotFound_and_nothing_changes()
    {
        using var session = await ConnectAsync();
        var error = await Assert.ThrowsAsync<RbValidationException>(() => session.Api2Account.SetNotificationAsync(
            Note("TaskDone", "Email", "a@example.com", "somebody_else"), true, default));
        Assert.Equal("Rb.UserNotFound", error.ErrorId);
        Assert.Contains("somebody_else", error.Message);
        Assert.All(new[] { t.Emulator.Account }.Concat(t.Emulator.SubAccounts),
            u => Assert.Equal("None", t.Emulator.GetNotification(u).Event));
    }

    [Fact]
    public async Task Setting_a_notification_is_repeated_through_faults_and_acts_as_once()
    {
        using var session = await ConnectAsync();
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "update_customer", HttpStatus = 503 });
        t.Emulator.Faults.Add(new RbFault { Operation = "update_customer", After = 1, Reset = true });
        t.Emulator.Faults.Add(new RbFault { Operation = "update_customer", After = 2, Garble = true });
        t.Emulator.Faults.Add(new RbFault { Operation = "update_customer", After = 3, LoseAnswer = true });
        await session.Api2Account.SetNotificationAsync(Note("TaskStart", "Email", "ops@example.com"), false, default);
        Assert.Equal(5, t.Emulator.Requests.Count(r => r.Operation == "update_customer"));
        var kept = t.Emulator.GetNotification(t.Emulator.Account);
        Assert.Equal(("TaskStart", "ops@example.com"), (kept.Event, kept.Address));
    }

    [Fact]
    public async Task A_REST_session_refuses_the_listing_and_the_notification_before_sending()
    {
        var api = new Api2AccountApi(t.Client);
        t.Emulator.ClearRequests();
        var list = await Assert.ThrowsAsync<RbValidationException>(() => api.ListUsersAsync(null, default));
        Assert.Equal("Rb.NotInProtocol", list.ErrorId);
        var set = Assert.Throws<RbValidationException>(() => api.Check(Note("TaskDone", "Email", "a@example.com")));
        Assert.Equal("Rb.NotInProtocol", set.ErrorId);
        Assert.Contains("API 2.0", set.Message);
        Assert.Empty(t.Emulator.Requests);
    }

    [Fact]
    public void The_emulator_takes_new_sub_accounts_and_refuses_bad_or_taken_names()
    {
        t.Emulator.AddSubAccount("comp.artist-3@studio");
        Assert.Contains("comp.artist-3@studio", t.Emulator.SubAccounts);
        Assert.Throws<ArgumentException>(() => t.Emulator.AddSubAccount(t.Emulator.Account));
        Assert.Throws<ArgumentException>(() => t.Emulator.AddSubAccount("has space"));
        Assert.Throws<ArgumentException>(() => t.Emulator.AddSubAccount(new string('a', 33)));
        Assert.Throws<ArgumentException>(() => t.Emulator.GetNotification("nobody"));
    }
}
