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
    /// <summary>What to list with <see cref="TasksApi.List"/>.</summary>
    internal sealed class RbTaskQuery
    {
        public IReadOnlyCollection<RbTaskStatus>? Status { get; set; }
        /// <summary>Part of a scene name or task id (the service matches loosely).</summary>
        public string? Keyword { get; set; }
        public DateTimeOffset? SubmittedAfter { get; set; }
        public DateTimeOffset? SubmittedBefore { get; set; }
        /// <summary>List the recycle bin (deleted tasks) instead of live tasks.</summary>
        public bool Deleted { get; set; }
        public int PageSize { get; set; } = RbCatalog.PageLimit;
        public long Skip { get; set; }
        public long? First { get; set; }
    }

    /// <summary>Task operations.</summary>
    internal sealed partial class TasksApi : IRbTaskReader, IRbTaskActions, IRbTaskLister
    {
        private readonly RbClient client;

        public TasksApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Requests this API has in flight at once for look-ups by id, bulk changes and polls (1 = one after
        /// another).</summary>
        public int ThrottleLimit => client.ThrottleLimit;

        /// <summary>
        /// A pager over the task list (newest first), one request per page. It gives out every task that matched when
        /// it started exactly once, even while the tasks it gave out are stopped, started or deleted (see
        /// <see cref="RbPager{T}"/>).
        /// </summary>
        [RbSends(nameof(RbCatalog.GetTaskList))]
        public RbPager<RbTask> List(RbTaskQuery query)
        {
            query ??= new RbTaskQuery();
            RbInputRules.CheckTimeRange(query.SubmittedAfter, query.SubmittedBefore);
            RbInputRules.CheckKeyword(query.Keyword);
            var op = RbCatalog.GetTaskList;
            var statusFiltered = query.Status != null && query.Status.Count > 0;
            // a status change moves a task out of a status-filtered list; a delete moves it out of any live list
            var watch = new RbListWatch(client.Changes, RbKind.Task,
                changed => (changed.Effects & RbEffect.TaskListing) != 0 || (
                    statusFiltered && (changed.Effects & RbEffect.TaskStatus) != 0));
            // the tasks say which listing read them, so Stop-RbTask down the same pipeline knows their status is fresh
            var listing = new RbListing();
            return new RbPager<RbTask>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("pageNum", page)
                    .Add("pageSize", size)
                    .Add("statusList", statusFiltered ? query.Status!.Select(s => (int)s).Distinct().ToArray() : null)
                    .Add("searchKeyword", string.IsNullOrWhiteSpace(query.Keyword) ? null : query.Keyword!.Trim())
                    .Add("startTime", RbServiceTime.ToText(query.SubmittedAfter))
                    .Add("endTime", RbServiceTime.ToText(query.SubmittedBefore))
                    .Add("recycleFlag", query.Deleted ? (object)1 : null);
                // parsed straight from the answer's bytes into tasks (no document, no copy)
                var read = await client.ReadAsync(op, body,
                    (ref Utf8JsonReader r) => RbTaskPageReader.Page(ref r, page), ct).ConfigureAwait(false);
                foreach (var task in read.Items.SelectMany(t => t.SelfAndSubTasks())) listing.Mark(task);
                return read;
            }, t => t.Id, query.PageSize, op.MaxPageSize, query.Skip, query.First, "tasks", watch, ThrottleLimit,
                listing);
        }

        IRbPages<RbTask> IRbTaskLister.List(RbTaskQuery query) => List(query);

        /// <summary>
        /// True when the task's status is one the service sent moments ago: a listing still streaming into this
        /// pipeline read it (Get-RbTask | Stop-RbTask), and the status is one this module knows. A task kept in a
        /// variable since, or made from other data (a CSV row), is not: an action sends it and lets the service decide.
        /// </summary>
        public static bool HasFreshStatus(RbTask task)
            => task.StatusIsRead && RbListing.IsStreaming(task) && Enum.IsDefined(typeof(RbTaskStatus), task.Status);

        /// <summary>
        /// The error for a task piped in alone (<paramref name="ids"/> is its id) whose fresh status the action does
        /// not apply to: the service would refuse the whole call it is in, so it is reported and never sent. Else null.
        /// </summary>
        public static RbValidationException? RefusePiped(RbTask? piped, long[] ids,
            IReadOnlyCollection<RbTaskStatus>? appliesTo, string cmdlet, string verb)
        {
            if (piped == null || appliesTo == null || ids.Length != 1 || ids[0] != piped.Id) return null;
            if (!HasFreshStatus(piped) || appliesTo.Contains(piped.Status)) return null;
            return RbTaskStates.NotApplicable(piped, cmdlet, verb, appliesTo);
        }

        /// <summary>Looks tasks up by id (queryTaskInfo), at most 100 ids a call, several calls at once. Ids the
        /// service does not know are absent from the result.</summary>
        [RbSends(nameof(RbCatalog.QueryTaskInfo))]
        public async Task<IReadOnlyList<RbTask>> GetAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
        {
            var results = await GetEachAsync(ids, cancellationToken).ConfigureAwait(false);
            var failed = results.FirstOrDefault(r => r.Item == null && !(r.Error is RbValidationException));
            if (failed != null) throw failed.Error!;
            return results.Where(r => r.Item != null).Select(r => r.Item!).ToList();
        }

        /// <summary>
        /// Looks tasks up by id with one result per distinct id, in the order given: the task, <c>Rb.TaskNotFound</c>
        /// for an id the account does not have, or the error of the call that carried it. Calls carry 100 ids and up to
        /// <see cref="ThrottleLimit"/> are in flight at once; a failed call never hides the others.
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryTaskInfo))]
        public async Task<IReadOnlyList<RbItemResult<RbTask>>> GetEachAsync(
            IEnumerable<long> ids, CancellationToken cancellationToken)
        {
            var op = RbCatalog.QueryTaskInfo;
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            var chunks = RbIdBatch.Chunks(list, op.MaxIds).ToList();
            var perChunk = await RbParallel.MapAsync(chunks, ThrottleLimit, async (chunk, ct) =>
            {
                try
                {
                    var page = await client.ReadAsync(op, new RbBody().Add(op.IdListField!, chunk),
                        (ref Utf8JsonReader r) => RbTaskPageReader.Page(ref r, 1), ct).ConfigureAwait(false);
                    var found = page.Items.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
                    return chunk.Select(id => found.TryGetValue(id, out var task)
                        ? new RbItemResult<RbTask>(id, task, null)
                        : new RbItemResult<RbTask>(id, null, RbTaskStates.NotFound(id))).ToList();
                }
                catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                {
                    return chunk.Select(id => new RbItemResult<RbTask>(id, null, ex)).ToList();
                }
            }, cancellationToken).ConfigureAwait(false);
            return perChunk.SelectMany(r => r).ToList();
        }

        /// <summary>Stops tasks; one result per id.</summary>
        [RbSends(nameof(RbCatalog.StopTask))]
        public Task<IReadOnlyList<RbItemResult>> StopAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.StopTask, ids, cancellationToken);

        /// <summary>Starts (resumes) stopped tasks; one result per id.</summary>
        [RbSends(nameof(RbCatalog.StartTask))]
        public Task<IReadOnlyList<RbItemResult>> StartAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.StartTask, ids, cancellationToken);

        /// <summary>
        /// Sends ids in chunks of the catalog's limit, up to <see cref="ThrottleLimit"/> chunks at once, and returns
        /// exactly one result per distinct id, in the order given: done, or failed with its own error. When the service
        /// refuses a chunk with code 100 (a task's status does not allow the action; nothing was changed), one look-up
        /// sorts its tasks out (see
        /// <see cref="RbBulkSender.ChunksAsync"/>), so every task gets its own answer in a few calls. A failure
        /// of one request (service, transport or protocol) is the result of the ids it carried and never stops the
        /// others. Every accepted id is published on the client's change feed. Only cancellation ends it early.
        /// </summary>
        internal Task<IReadOnlyList<RbItemResult>> BulkAsync(
            RbOperation op, IEnumerable<long> ids, CancellationToken cancellationToken,
            Func<long[], RbBody>? bodyFor = null)
        {
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            return new RbBulkSender(client, op, ThrottleLimit, lookUp: GetEachAsync)
                .ChunksAsync(
                    list, op.MaxIds, bodyFor ?? (chunk => new RbBody().Add(op.IdListField!, chunk)), "tasks",
                    cancellationToken);
        }
    }
}
