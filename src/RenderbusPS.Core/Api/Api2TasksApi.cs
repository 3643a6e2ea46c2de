using System;
using System.Collections.Generic;
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
    /// <summary>Tasks over API 2.0 (query_task), as the same <see cref="RbTask"/>s REST gives.</summary>
    internal sealed class Api2TasksApi : IRbTaskReader, IRbTaskLister
    {
        private readonly RbClient client;

        public Api2TasksApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        public int ThrottleLimit => client.ThrottleLimit;

        /// <summary>
        /// A pager over query_task (newest first, as REST lists them), one request per page, with the same promise as
        /// REST's listing (<see cref="RbPager{T}"/>). A status filter of one API 2.0 word is sent as that word;
        /// statuses
        /// that share it (Waiting and Rendering are both <c>Start</c>) come together, and statuses of several words
        /// list
        /// every task: keep the exact ones with <see cref="HasStatus"/>.
        /// </summary>
        [RbSendsApi2("query_task")]
        public RbPager<RbTask> List(RbTaskQuery query, string? project = null)
        {
            query ??= new RbTaskQuery();
            RbInputRules.CheckTimeRange(query.SubmittedAfter, query.SubmittedBefore);
            RbInputRules.CheckKeyword(query.Keyword);
            var words = Words(query);
            var op = RbApi2Catalog.QueryTask.Operation;
            var statusFiltered = words.Count == 1;
            var watch = new RbListWatch(client.Changes, RbKind.Task,
                changed => (changed.Effects & RbEffect.TaskListing) != 0 || (statusFiltered
                    && (changed.Effects & RbEffect.TaskStatus) != 0));
            var listing = new RbListing();
            return new RbPager<RbTask>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("is_paging", "1")
                    .Add("page_no", Text(page))
                    .Add("page_size", Text(size))
                    .Add("task_status", statusFiltered ? words[0] : null)
                    .Add("input_scene_path", string.IsNullOrWhiteSpace(query.Keyword) ? null : query.Keyword!.Trim())
                    .Add("project_name", string.IsNullOrWhiteSpace(project) ? null : project)
                    .Add("start_date_after", RbServiceTime.ToText(query.SubmittedAfter))
                    .Add("start_date_before", RbServiceTime.ToText(query.SubmittedBefore))
                    .Add("del_flag", query.Deleted ? "1" : null);
                var read = await client.SendAsync(op, body, r => ReadPage(r.Data, page, query.Deleted),
                    ct).ConfigureAwait(false);
                foreach (var task in read.Items) listing.Mark(task);
                return read;
            }, t => t.Id, query.PageSize, op.MaxPageSize, query.Skip, query.First, "tasks", watch, ThrottleLimit,
                listing);
        }

        /// <summary>
        /// The listing Get-RbTask writes: a status filter is kept here (Waiting and Rendering are both the word
        /// <c>Start</c>), so -Skip and -First count the tasks kept, not the tasks the service listed.
        /// </summary>
        IRbPages<RbTask> IRbTaskLister.List(RbTaskQuery query)
        {
            if (query?.Status == null || query.Status.Count == 0) return List(query!);
            var all = List(new RbTaskQuery
            {
                Status = query.Status, Keyword = query.Keyword, SubmittedAfter = query.SubmittedAfter,
                SubmittedBefore = query.SubmittedBefore, Deleted = query.Deleted, PageSize = query.PageSize,
            });
            return new RbFilteredPager<RbTask>(all, t => HasStatus(query, t), query.Skip, query.First);
        }

        /// <summary>
        /// Looks tasks up by id (query_task's <c>task_id</c> takes one), live or deleted, up to
        /// <see cref="ThrottleLimit"/> at once: one result per distinct id, <c>Rb.TaskNotFound</c> for an id the
        /// account does not have.
        /// </summary>
        [RbSendsApi2("query_task")]
        public async Task<IReadOnlyList<RbItemResult<RbTask>>> GetEachAsync(IEnumerable<long> ids,
            CancellationToken cancellationToken)
        {
            var list = ids.Distinct().ToList();
            RbInputRules.CheckIds(list);
            var op = RbApi2Catalog.QueryTask.Operation;
            return await RbParallel.MapAsync(list, ThrottleLimit, async (id, ct) =>
            {
                try
                {
                    RbTask? task = null;
                    // a live task, else one in the recycle bin (del_flag picks one of the two)
                    foreach (var deleted in new[] { false, true })
                    {
                        var body = new RbBody().Add("task_id",
                            id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                            .Add("del_flag", deleted ? "1" : null);
                        var page = await client.SendAsync(op, body, r => ReadPage(r.Data, 1, deleted), ct)
                            .ConfigureAwait(false);
                        task = page.Items.FirstOrDefault(t => t.Id == id);
                        if (task != null) break;
                    }
                    return new RbItemResult<RbTask>(id, task, task == null ? RbTaskStates.NotFound(id) : null);
                }
                catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                {
                    return new RbItemResult<RbTask>(id, null, ex);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The API 2.0 words a query's statuses are asked as (none when it has no status filter).</summary>
        public static IReadOnlyList<string> Words(RbTaskQuery query)
            => query.Status == null || query.Status.Count == 0 ? Array.Empty<string>()
                : RbApi2Words.WordsFor(query.Status);

        /// <summary>True when the task's status is one the query asked for (or it asked for none).</summary>
        public static bool HasStatus(RbTaskQuery query, RbTask task)
            => query.Status == null || query.Status.Count == 0 || query.Status.Contains(task.Status);

        /// <summary>A page of query_task: <c>data</c>, <c>page_no</c>, <c>total_page</c>, <c>total_size</c>.</summary>
        internal static RbPage<RbTask> ReadPage(JsonElement body, int requestedPage, bool deleted)
        {
            var page = RbWire.Read<RbApi2TaskPage>(body);
            return new RbPage<RbTask>
            {
                Items = page.Data.Select(item => RbApi2Models.Task(item, deleted)).ToList(),
                PageNum = page.PageNo ?? requestedPage,
                PageCount = page.TotalPage,
                Total = page.TotalSize,
            };
        }

        private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
