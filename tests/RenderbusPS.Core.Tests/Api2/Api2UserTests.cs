using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>The session's own account over API 2.0 (query_customer): the same RbUser REST gives.</summary>
public class Api2UserTests : IDisposable
{
    private readonly TestEmulator t = new(taskCount: 5, seed: 3);

    public void Dispose() => t.Dispose();

    [Fact]
    public async Task Reads_the_account_with_query_customer_as_REST_reads_it_even_after_a_fault()
    {
        using var session = await RbSession.ConnectAsync(t.Api2Options(o => o.MaxRetries = 8), default);
        Assert.IsType<Api2AccountApi>(session.UserReader);
        var rest = await new AccountApi(t.Client).GetUserAsync(default);
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Add(new RbFault { Operation = "query_customer", Code = 500 });
        var user = await session.UserReader.GetUserAsync(default);
        Assert.Equal(t.Emulator.Account, user.UserName);
        Assert.Equal(rest.UserId, user.UserId);
        Assert.Equal(rest.Balance, user.Balance);
        Assert.NotEmpty(user.Extra);
        Assert.Equal(2, t.Emulator.Requests.Count);
        Assert.All(t.Emulator.Requests, r => Assert.Equal("query_customer", r.Operation));
    }
}
