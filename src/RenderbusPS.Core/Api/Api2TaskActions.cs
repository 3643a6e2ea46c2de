using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// operate_task over API 2.0: its <c>task_id</c> is a comma list of at most 256 characters, so ids go in batches
    /// of that length, several at once, and each id gets its own result from the answer's items. What operate_task
    /// has no order for (abandon, start, the other settings) gives each id <c>Rb.NotInProtocol</c>, sending nothing.
    /// </summary>
    internal sealed partial class Api2TaskActions : IRbTaskActions
    {
        private readonly RbClient client;

        public Api2TaskActions(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        public int ThrottleLimit => client.ThrottleLimit;

        /// <summary>The ids in the batches one order sends them in.</summary>
        public IReadOnlyList<long[]> Calls(IReadOnlyList<long> ids)
            => Batches(ids.Distinct().ToList(), RbApi2Catalog.TaskIdTextLimit);

        /// <summary>Stops running tasks (operate_order 0); one result per distinct id, in the order given.</summary>
        [RbSendsApi2("operate_task")]
        public Task<IReadOnlyList<RbItemResult>> StopAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => OperateAsync(ids, 0, null, cancellationToken);

        /// <summary>Deletes tasks that are not busy (operate_order 2); one result per distinct id.</summary>
        [RbSendsApi2("operate_task")]
        public Task<IReadOnlyList<RbItemResult>> DeleteAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => OperateAsync(ids, 2, null, cancellationToken);

        /// <summary>API 2.0 cannot abandon a task: every id gets Rb.NotInProtocol.</summary>
        public Task<IReadOnlyList<RbItemResult>> AbandonAsync(IEnumerable<long> ids,
            CancellationToken cancellationToken) => Refuse(ids, RbCatalog.AbandonTask);

        /// <summary>API 2.0 has no order that resumes a task: every id gets Rb.NotInProtocol.</summary>
        public Task<IReadOnlyList<RbItemResult>> StartAsync(IEnumerable<long> ids,
            CancellationToken cancellationToken) => Refuse(ids, RbCatalog.StartTask);

        private static Task<IReadOnlyList<RbItemResult>> Refuse(IEnumerable<long> ids, RbOperation op)
        {
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            var error = RbApi2Catalog.NotInProtocol(op, RbApiProtocol.Api2);
            return Task.FromResult<IReadOnlyList<RbItemResult>>(
                list.Distinct().Select(id => new RbItemResult(id, error)).ToList());
        }

        /// <summary>Sends one order for every id, batched by the length of <c>task_id</c>.</summary>
        internal async Task<IReadOnlyList<RbItemResult>> OperateAsync(IEnumerable<long> ids, int order,
            Action<RbBody>? more, CancellationToken cancellationToken)
        {
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            var distinct = list.Distinct().ToList();
            var action = order == 1 ? RbApi2Catalog.OperateTaskRestart : RbApi2Catalog.OperateTask;
            var batches = Batches(distinct, RbApi2Catalog.TaskIdTextLimit);
            var perBatch = await RbParallel.MapAsync(batches, client.ThrottleLimit, async (batch, ct) =>
            {
                try
                {
                    var body = new RbBody().Add("task_id", string.Join(",", batch.Select(Text)))
                        .Add("operate_order", Text(order));
                    more?.Invoke(body);
                    var (outcomes, afterLost) = await client.SendAsync(action.Operation, body,
                        r => (Outcomes(r.Data), r.AfterLostAnswer), ct).ConfigureAwait(false);
                    var results = batch.Select(id => new RbItemResult(id, ErrorOf(id, outcomes))).ToList();
                    if (afterLost) results = await SettleAsync(order, results, ct).ConfigureAwait(false);
                    var done = results.Where(r => r.Succeeded).Select(r => r.Id).ToArray();
                    if (done.Length > 0) client.Changes.Publish(new RbChange(action.Operation, RbKind.Task, done));
                    return results;
                }
                catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                {
                    return batch.Select(id => new RbItemResult(id, ex)).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);
            var byId = perBatch.SelectMany(r => r).ToDictionary(r => r.Id);
            return distinct.Select(id => byId[id]).ToList();
        }

        /// <summary>
        /// The refusals of a call sent again after a lost answer, as REST settles them: a task the lost attempt
        /// already left as the order leaves it (stopped; deleted) is done, the others keep their refusal.
        /// </summary>
        private async Task<List<RbItemResult>> SettleAsync(int order, List<RbItemResult> results,
            CancellationToken cancellationToken)
        {
            var rule = order == 0 ? RbTaskStates.RuleFor(RbCatalog.StopTask)
                : order == 2 ? RbTaskStates.RuleFor(RbCatalog.DeleteTask) : null;
            var refused = results.Where(r => !r.Succeeded).Select(r => r.Id).ToList();
            if (rule == null || refused.Count == 0) return results;
            RbTrace.Write($"operate_task refused {refused.Count} tasks after a lost answer; reading them.");
            var found = (await new Api2TasksApi(client).GetEachAsync(refused, cancellationToken)
                .ConfigureAwait(false)).ToDictionary(r => r.Id);
            bool IsDone(long id) => found.TryGetValue(id, out var f) && (f.Item != null
                ? rule.IsDone?.Invoke(f.Item) == true
                : rule.GoneIsDone && f.Error is RbValidationException);
            return results.Select(r => r.Succeeded || !IsDone(r.Id) ? r : new RbItemResult(r.Id, null)).ToList();
        }

        /// <summary>Ids packed into comma lists of at most <paramref name="limit"/> characters, in order.</summary>
        internal static List<long[]> Batches(IReadOnlyList<long> ids, int limit)
        {
            var batches = new List<long[]>();
            var current = new List<long>();
            var length = 0;
            foreach (var id in ids)
            {
                var add = Text(id).Length + (current.Count > 0 ? 1 : 0);
                if (current.Count > 0 && length + add > limit)
                {
                    batches.Add(current.ToArray());
                    current.Clear();
                    length = 0;
                    add -= 1;
                }
                current.Add(id);
                length += add;
            }
            if (current.Count > 0) batches.Add(current.ToArray());
            return batches;
        }

        /// <summary>The answer's items by task id: success, and the service's text for a refusal.</summary>
        private static Dictionary<long, (bool Ok, string Message)> Outcomes(JsonElement body)
        {
            var outcomes = new Dictionary<long, (bool, string)>();
            foreach (var item in RbWire.Read<RbApi2List<RbApi2Outcome>>(body).Data)
            {
                if (!(item.TaskId is long id)) continue;
                outcomes[id] = (item.Result == "0", item.Description ?? item.ResultMessage ?? "");
            }
            return outcomes;
        }

        private Exception? ErrorOf(long id, Dictionary<long, (bool Ok, string Message)> outcomes)
        {
            if (!outcomes.TryGetValue(id, out var o))
                return new RbProtocolException($"operate_task answered nothing for task {id}.", client.Api2Path);
            return o.Ok ? null : Refusal(id, o.Message);
        }

        /// <summary>A refused id: Rb.TaskNotFound for a task the account does not have, else Rb.Fail with the
        /// text.</summary>
        private Exception Refusal(long id, string message)
            => message.IndexOf("not exist", StringComparison.OrdinalIgnoreCase) >= 0
                ? RbTaskStates.NotFound(id)
                : new RbApiException(RbCodes.Fail, message, client.Api2Path, null);

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
