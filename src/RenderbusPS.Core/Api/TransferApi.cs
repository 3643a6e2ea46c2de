using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Transfer operations: the account's transfer ids, engines and lines, the RaySync server and
    /// key.</summary>
    internal sealed class TransferApi
    {
        private readonly RbClient client;

        public TransferApi(RbClient client) => this.client = client
            ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>The transfer ids (getBid) with the engines and lines (getConfig), as one object.</summary>
        [RbSends(nameof(RbCatalog.GetBid), nameof(RbCatalog.GetTransferConfig))]
        public async Task<RbTransferConfig> GetConfigAsync(CancellationToken cancellationToken)
        {
            var bid = await client.SendAsync(RbCatalog.GetBid, null, cancellationToken).ConfigureAwait(false);
            // v1 has the bids (getTransferBid) but no getConfig: the bids come back and the engines stay empty
            var bids = RbWire.Read<RbTransferBids>(bid.Data);
            if (RbCatalog.GetTransferConfig.PathFor(client.PathSet) == null) return Join(bids, new RbTransferConfig());
            var config = await client.SendAsync(RbCatalog.GetTransferConfig, null, cancellationToken)
                .ConfigureAwait(false);
            return Join(bids, RbWire.Read<RbTransferConfig>(config.Data));
        }

        /// <summary>getConfig's answer with getBid's ids, which win where both have one; Extra keeps both.</summary>
        private static RbTransferConfig Join(RbTransferBids bids, RbTransferConfig config)
        {
            config.InputBid = bids.InputBid ?? config.InputBid;
            config.OutputBid = bids.OutputBid ?? config.OutputBid;
            config.ConfigBid = bids.ConfigBid ?? config.ConfigBid;
            config.ParentInputBid = bids.ParentInputBid ?? config.ParentInputBid;
            if (bids.SubUserOutputBids.Count > 0) config.SubUserOutputBids = bids.SubUserOutputBids;
            foreach (var field in bids.Extra)
            {
                if (!config.Extra.ContainsKey(field.Key)) config.Extra[field.Key] = field.Value;
            }
            return config;
        }

        /// <summary>The RaySync transfer server of the session's zone.</summary>
        [RbSends(nameof(RbCatalog.GetServerInfo))]
        public async Task<RbTransferServer> GetServerAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(
                RbCatalog.GetServerInfo, new RbBody().Add("zone", client.Zone), cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbTransferServer>(response.Data);
        }

        /// <summary>The account's RaySync keys, as SecureStrings.</summary>
        [RbSends(nameof(RbCatalog.GetRaySyncUserKey))]
        public async Task<RbRaySyncKey> GetRaySyncKeyAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.GetRaySyncUserKey, null, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbRaySyncKey>(response.Data);
        }
    }
}
