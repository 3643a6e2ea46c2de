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
    /// of that length, several at once, and each id gets its own result from the answer's items.
    /// </summary>
    internal sealed class Api2TaskActions
    {
        private readonly RbClient client;

        public Api2TaskActions(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Stops running tasks (operate_order 0); one result per distinct id, in the order given.</summary>
        [RbSendsApi2("operate_task")]
        public Task<IReadOnlyList<RbItemResult>> StopAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => OperateAsync(ids, 0, null, cancellationToken);

        /// <summary>Deletes tasks that are not busy (operate_order 2); one result per distinct id.</summary>
        [RbSendsApi2("operate_task")]
        public Task<IReadOnlyList<RbItemResult>> DeleteAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => OperateAsync(ids, 2, null, cancellationToken);

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
                    var outcomes = await client.SendAsync(action.Operation, body, r => Outcomes(r.Data), ct)
                        .ConfigureAwait(false);
                    var done = batch.Where(id => outcomes.TryGetValue(id, out var o) && o.Ok).ToArray();
                    if (done.Length > 0) client.Changes.Publish(new RbChange(action.Operation, RbKind.Task, done));
                    return batch.Select(id => new RbItemResult(id, ErrorOf(id, outcomes))).ToList();
                }
                catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                {
                    return batch.Select(id => new RbItemResult(id, ex)).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);
            var byId = perBatch.SelectMany(r => r).ToDictionary(r => r.Id);
            return distinct.Select(id => byId[id]).ToList();
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
