using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Account operations: platforms and the user profile.</summary>
    public sealed class AccountApi
    {
        private readonly RbClient client;

        public AccountApi(RbClient client) => this.client = client ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>The render clusters of the session's zone.</summary>
        [RbSends("queryPlatforms")]
        public async Task<IReadOnlyList<RbPlatform>> GetPlatformsAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QueryPlatforms, new RbBody().Add("zone", client.Zone), cancellationToken).ConfigureAwait(false);
            return response.Data.ValueKind == JsonValueKind.Array
                ? response.Data.EnumerateArray().Select(RbPlatform.FromWire).ToArray()
                : new RbPlatform[0];
        }

        /// <summary>The account's profile.</summary>
        [RbSends("queryUserProfile")]
        public async Task<RbUser> GetUserAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QueryUserProfile, null, cancellationToken).ConfigureAwait(false);
            return RbUser.FromWire(response.Data);
        }
    }

    /// <summary>Reaches the account operations of a client.</summary>
    public static class AccountApiExtensions
    {
        public static AccountApi Account(this RbClient client) => new AccountApi(client);
    }
}
