using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>The account over API 2.0 (query_customer), as the same <see cref="RbUser"/>s REST gives.</summary>
    internal sealed class Api2AccountApi : IRbUserReader
    {
        private readonly RbClient client;

        public Api2AccountApi(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>
        /// The session's own account (<c>login_name</c> = its account name): the call that proves the credential, as
        /// the official client logs in. An empty answer means the service does not know the account.
        /// </summary>
        [RbSendsApi2("query_customer")]
        public async Task<RbUser> GetUserAsync(CancellationToken cancellationToken)
        {
            var users = await ListUsersAsync(client.AccessId, cancellationToken).ConfigureAwait(false);
            return users.FirstOrDefault(u => u.UserName == client.AccessId) ?? users.FirstOrDefault()
                ?? throw new RbApiException(RbApi2Codes.AccountNotFound, $"No user named {client.AccessId}.",
                    client.Api2Path, null);
        }

        /// <summary>The user of that name, or (none given) the main account and all its sub-accounts.</summary>
        [RbSendsApi2("query_customer")]
        public Task<IReadOnlyList<RbUser>> ListUsersAsync(string? loginName, CancellationToken cancellationToken)
            => client.SendAsync(RbApi2Catalog.QueryCustomer.Operation,
                new RbBody().Add("login_name", string.IsNullOrWhiteSpace(loginName) ? null : loginName),
                r => (IReadOnlyList<RbUser>)RbWire.Read<RbApi2List<RbApi2User>>(r.Data).Data
                    .Select(RbApi2Models.User).ToList(), cancellationToken);
    }
}
