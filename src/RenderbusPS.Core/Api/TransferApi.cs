using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Transfer operations: the account's transfer ids, engines and lines, the RaySync server and key.</summary>
    internal sealed class TransferApi
    {
        private readonly RbClient client;

        public TransferApi(RbClient client) => this.client = client ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>The transfer ids (getBid) with the engines and lines (getConfig), as one object.</summary>
        [RbSends(nameof(RbCatalog.GetBid), nameof(RbCatalog.GetTransferConfig))]
        public async Task<RbTransferConfig> GetConfigAsync(CancellationToken cancellationToken)
        {
            var bid = await client.SendAsync(RbCatalog.GetBid, null, cancellationToken).ConfigureAwait(false);
            // v1 has the bids (getTransferBid) but no getConfig: the bids come back and the engines stay empty
            if (RbCatalog.GetTransferConfig.PathFor(client.PathSet) == null) return RbTransferConfig.FromWire(bid.Data, default);
            var config = await client.SendAsync(RbCatalog.GetTransferConfig, null, cancellationToken).ConfigureAwait(false);
            return RbTransferConfig.FromWire(bid.Data, config.Data);
        }

        /// <summary>The RaySync transfer server of the session's zone.</summary>
        [RbSends(nameof(RbCatalog.GetServerInfo))]
        public async Task<RbTransferServer> GetServerAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.GetServerInfo, new RbBody().Add("zone", client.Zone), cancellationToken).ConfigureAwait(false);
            return RbTransferServer.FromWire(response.Data);
        }

        /// <summary>The account's RaySync keys, as SecureStrings.</summary>
        [RbSends(nameof(RbCatalog.GetRaySyncUserKey))]
        public async Task<RbRaySyncKey> GetRaySyncKeyAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.GetRaySyncUserKey, null, cancellationToken).ConfigureAwait(false);
            return RbRaySyncKey.FromWire(response.Data);
        }
    }
}
