using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// The one way Core sends an operation for many ids and gets exactly one result per id, in the ids' order: done, or
    /// failed with its own error. Requests run with at most the throttle limit in flight. A failure of one request
    /// (service, transport or protocol) is the result of the ids it carried and never stops the others; every accepted
    /// request is published on the client's change feed; only cancellation ends it early (the requests in flight are
    /// cancelled and no further one is sent).
    /// </summary>
    internal sealed class RbBulkSender
    {
        private readonly RbClient client;
        private readonly RbOperation op;
        private readonly int limit;
        private readonly Func<long[], RbChange> changeFor;
        private readonly RbTaskLookUp? lookUp;
        private readonly RbTaskActionRule? rule;

        /// <param name="limit">Requests in flight at once (1..32; 1 sends them one after another).</param>
        /// <param name="changeFor">What an accepted request changed (by default: the tasks whose ids it
        /// carried).</param>
        /// <param name="lookUp">Reads tasks by id, to sort out a refused call of task ids (see
        /// <see cref="ChunksAsync"/>).</param>
        public RbBulkSender(RbClient client, RbOperation op, int limit, Func<long[], RbChange>? changeFor = null,
            RbTaskLookUp? lookUp = null)
        {
            RbInputRules.CheckThrottleLimit(limit);
            this.client = client;
            this.op = op;
            this.limit = limit;
            this.changeFor = changeFor ?? (ids => new RbChange(op, Models.RbKind.Task, ids));
            this.lookUp = lookUp;
            rule = lookUp == null ? null : RbTaskStates.RuleFor(op);
        }

        /// <summary>
        /// Sends the ids in chunks of <paramref name="chunkSize"/>, several chunks at once. When the service refuses a
        /// chunk with code 100 (one item's state does not allow the action; nothing was changed), the items are sorted
        /// out in a few calls rather than one per id: for tasks, one look-up tells which do not exist, which cannot
        /// take the action, which a lost first answer already acted on (done), and the rest are sent again together;
        /// other items are sent one by one. <paramref name="what"/> names the items in the trace ("tasks", "frames of
        /// task 7").
        /// </summary>
        public async Task<IReadOnlyList<RbItemResult>> ChunksAsync(
            IReadOnlyList<long> ids, int chunkSize, Func<long[], RbBody> bodyFor, string what,
            CancellationToken cancellationToken)
        {
            var chunks = RbIdBatch.Chunks(ids, chunkSize).ToList();
            var perChunk = await RbParallel.MapAsync(
                chunks, limit, (chunk, ct) => ChunkAsync(chunk, bodyFor, what, ct), cancellationToken)
                .ConfigureAwait(false);
            return perChunk.SelectMany(r => r).ToList();
        }

        private async Task<IReadOnlyList<RbItemResult>> ChunkAsync(
            long[] chunk, Func<long[], RbBody> bodyFor, string what, CancellationToken cancellationToken)
        {
            var error = await TrySendAsync(chunk, bodyFor(chunk), cancellationToken).ConfigureAwait(false);
            if (!(error is RbApiException refused && refused.Code == RbCodes.Fail
                && (chunk.Length > 1 || lookUp != null)))
                return chunk.Select(id => new RbItemResult(id, error)).ToList();
            RbTrace.Write($"{op.Name} refused {chunk.Length} {what} ({refused.ApiMessage}); sorting them out.");
            if (lookUp == null || rule == null) return await OneByOneAsync(chunk, bodyFor, cancellationToken)
                .ConfigureAwait(false);

            var settled = new Dictionary<long, RbItemResult>();
            var again = new List<long>();
            foreach (var found in await lookUp(chunk, cancellationToken).ConfigureAwait(false))
            {
                var task = found.Item;
                var gone = task == null ? found.Error is RbValidationException : task.IsDeleted && !rule.GoneIsDone;
                if (task == null && !gone) return await OneByOneAsync(chunk, bodyFor, cancellationToken)
                    .ConfigureAwait(false);
                // a refusal after a lost answer may only say that the lost attempt did it
                if (refused.AfterLostAnswer && (gone ? rule.GoneIsDone : rule.IsDone?.Invoke(task!) == true))
                {
                    settled[found.Id] = new RbItemResult(found.Id, null);
                    client.Changes.Publish(changeFor(new[] { found.Id }));
                }
                else if (gone) settled[found.Id] = new RbItemResult(found.Id, RbTaskStates.NotFound(found.Id));
                else if (!rule.AppliesTo(task!)) settled[found.Id] = new RbItemResult(found.Id,
                    rule.NotApplicable(task!));
                else again.Add(found.Id);
            }
            if (again.Count > 0)
            {
                var ids = again.ToArray();
                var second = await TrySendAsync(ids, bodyFor(ids), cancellationToken).ConfigureAwait(false);
                // refused again: a task changed between the look-up and the call; only then one by one
                var results = second is RbApiException { Code: RbCodes.Fail } && ids.Length > 1
                    ? await OneByOneAsync(ids, bodyFor, cancellationToken).ConfigureAwait(false)
                    : ids.Select(id => new RbItemResult(id, second)).ToList();
                foreach (var r in results) settled[r.Id] = r;
            }
            return chunk.Distinct().Select(id => settled[id]).ToList();
        }

        private async Task<IReadOnlyList<RbItemResult>> OneByOneAsync(
            long[] ids, Func<long[], RbBody> bodyFor, CancellationToken cancellationToken)
        {
            var results = new List<RbItemResult>(ids.Length);
            foreach (var id in ids)
                results.Add(
                    new RbItemResult(
                    id, await TrySendAsync(new[] { id }, bodyFor(new[] { id }), cancellationToken)
                    .ConfigureAwait(false)));
            return results;
        }

        /// <summary>Sends one request per id (for operations that take a single id), several at once; one result per
        /// id, in order.</summary>
        public Task<IReadOnlyList<RbItemResult>> EachAsync(
            IEnumerable<long> ids, Func<long, RbBody> bodyFor, CancellationToken cancellationToken)
            => RbParallel.MapAsync(ids.ToList(), limit, async (id, ct) =>
            {
                var error = await TrySendAsync(new[] { id }, bodyFor(id), ct).ConfigureAwait(false);
                // a refusal for a task the account does not have is reported as such, as by every other task cmdlet
                if (lookUp != null && error is RbApiException { Code: RbCodes.Fail or RbCodes.ResourceNotFound })
                {
                    var found = (await lookUp(new[] { id }, ct).ConfigureAwait(false))[0];
                    if (found.Item == null && found.Error is RbValidationException missing) error = missing;
                }
                return new RbItemResult(id, error);
            }, cancellationToken);

        /// <summary>The ids every result of which succeeded (an id can have several: one per setting), in the results'
        /// order.</summary>
        public static long[] DoneIds(IEnumerable<RbItemResult> results)
            => results.GroupBy(r => r.Id).Where(g => g.All(r => r.Succeeded)).Select(g => g.Key).ToArray();

        /// <summary>
        /// A bulk change cut back into the calls of <paramref name="chunkSize"/> ids it was sent in, so that a caller
        /// that sent several calls at once reports them call by call, as it would have one call at a time: each call's
        /// failures (in the results' order), how many of its ids were done, and what was read back for them afterwards
        /// (in the order read).
        /// </summary>
        public static IReadOnlyList<RbCallReport<T>> ByCall<T>(
            IReadOnlyList<long> ids, int chunkSize, IReadOnlyList<RbItemResult> results,
            IEnumerable<T> after, Func<T, long> idOf)
            => ByCall(RbIdBatch.Chunks(ids, chunkSize).ToList(), results, after, idOf);

        /// <summary>The same, over the calls as the sender cut them (a protocol cuts them its own way).</summary>
        public static IReadOnlyList<RbCallReport<T>> ByCall<T>(
            IEnumerable<long[]> callIds, IReadOnlyList<RbItemResult> results, IEnumerable<T> after, Func<T, long> idOf)
        {
            var calls = callIds.Select(chunk => new RbCallReport<T>(chunk)).ToList();
            var callOf = new Dictionary<long, RbCallReport<T>>();
            foreach (var call in calls)
            {
                foreach (var id in call.Ids) callOf[id] = call;
            }
            foreach (var failed in results.Where(r => !r.Succeeded))
            {
                if (callOf.TryGetValue(failed.Id, out var call)) call.Failed.Add(failed);
            }
            foreach (var id in DoneIds(results))
            {
                if (callOf.TryGetValue(id, out var call)) call.DoneCount++;
            }
            foreach (var item in after)
            {
                if (callOf.TryGetValue(idOf(item), out var call)) call.After.Add(item);
            }
            return calls;
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

    /// <summary>Reads tasks by id: one result per id, the task or why there is none (Rb.TaskNotFound, or the call's
    /// error).</summary>
    internal delegate Task<IReadOnlyList<RbItemResult<RbTask>>> RbTaskLookUp(
        IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>One call of a bulk change as RbBulkSender.ByCall reports it: its ids, their failures,
    /// how many were done, what was read back.</summary>
    internal sealed class RbCallReport<T>
    {
        public RbCallReport(long[] ids) => Ids = ids;

        public long[] Ids { get; }
        public List<RbItemResult> Failed { get; } = new List<RbItemResult>();
        public int DoneCount { get; set; }
        public List<T> After { get; } = new List<T>();
    }
}
