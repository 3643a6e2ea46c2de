using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// The one way Core sends an operation for many ids and gets exactly one result per id: done, or failed with its own
    /// error. A failure of one request (service, transport or protocol) is the result of the ids it carried and never stops
    /// the others; every accepted request is published on the client's change feed; only cancellation ends it early.
    /// </summary>
    internal sealed class RbBulkSender
    {
        private readonly RbClient client;
        private readonly RbOperation op;
        private readonly Func<long[], RbChange> changeFor;

        /// <param name="changeFor">What an accepted request changed (by default: the tasks whose ids it carried).</param>
        public RbBulkSender(RbClient client, RbOperation op, Func<long[], RbChange>? changeFor = null)
        {
            this.client = client;
            this.op = op;
            this.changeFor = changeFor ?? (ids => new RbChange(op, Models.RbKind.Task, ids));
        }

        /// <summary>
        /// Sends the ids in chunks of <paramref name="chunkSize"/>. When the service refuses a chunk of several ids with code
        /// 100 (one item's state does not allow the action; nothing was changed), each id of it is sent alone so that every
        /// item gets its own answer. <paramref name="what"/> names the items in the trace ("tasks", "frames of task 7").
        /// </summary>
        public async Task<IReadOnlyList<RbItemResult>> ChunksAsync(IReadOnlyList<long> ids, int chunkSize, Func<long[], RbBody> bodyFor, string what,
            CancellationToken cancellationToken)
        {
            var results = new List<RbItemResult>();
            foreach (var chunk in RbIdBatch.Chunks(ids, chunkSize))
            {
                var error = await TrySendAsync(chunk, bodyFor(chunk), cancellationToken).ConfigureAwait(false);
                if (error is RbApiException refused && refused.Code == RbCodes.Fail && chunk.Length > 1)
                {
                    RbTrace.Write($"{op.Name} refused {chunk.Length} {what} at once ({refused.ApiMessage}); sending them one by one.");
                    foreach (var id in chunk)
                        results.Add(new RbItemResult(id, await TrySendAsync(new[] { id }, bodyFor(new[] { id }), cancellationToken).ConfigureAwait(false)));
                    continue;
                }
                results.AddRange(chunk.Select(id => new RbItemResult(id, error)));
            }
            return results;
        }

        /// <summary>Sends one request per id (for operations that take a single id).</summary>
        public async Task<IReadOnlyList<RbItemResult>> EachAsync(IEnumerable<long> ids, Func<long, RbBody> bodyFor, CancellationToken cancellationToken)
        {
            var results = new List<RbItemResult>();
            foreach (var id in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(new RbItemResult(id, await TrySendAsync(new[] { id }, bodyFor(id), cancellationToken).ConfigureAwait(false)));
            }
            return results;
        }

        /// <summary>Sends one request; null when the service accepted it, else the Core error it failed with.</summary>
        private async Task<Exception?> TrySendAsync(long[] ids, RbBody body, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(op, body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
            {
                return ex;
            }
            client.Changes.Publish(changeFor(ids));
            return null;
        }
    }
}
