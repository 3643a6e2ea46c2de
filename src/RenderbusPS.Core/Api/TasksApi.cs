using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>What to list with <see cref="TasksApi.List"/>.</summary>
    public sealed class RbTaskQuery
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
    public sealed class TasksApi
    {
        /// <summary>The service reads and writes wall-clock times as China Standard Time (UTC+8).</summary>
        public static readonly TimeSpan ServiceOffset = TimeSpan.FromHours(8);

        /// <summary>Wire format of startTime/endTime filters.</summary>
        public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

        private readonly RbClient client;

        internal TasksApi(RbClient client) => this.client = client;

        /// <summary>A pager over the task list (newest first), one request per page.</summary>
        public RbPager<RbTask> List(RbTaskQuery query)
        {
            query ??= new RbTaskQuery();
            var op = RbCatalog.GetTaskList;
            return new RbPager<RbTask>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("pageNum", page)
                    .Add("pageSize", size)
                    .Add("statusList", query.Status == null || query.Status.Count == 0 ? null : query.Status.Select(s => (int)s).Distinct().ToArray())
                    .Add("searchKeyword", string.IsNullOrWhiteSpace(query.Keyword) ? null : query.Keyword!.Trim())
                    .Add("startTime", FormatServiceTime(query.SubmittedAfter))
                    .Add("endTime", FormatServiceTime(query.SubmittedBefore))
                    .Add("recycleFlag", query.Deleted ? (object)1 : null);
                var response = await client.SendAsync(op, body, ct).ConfigureAwait(false);
                return RbPage<RbTask>.FromWire(response.Data, page, RbTask.FromWire);
            }, t => t.Id, query.PageSize, op.MaxPageSize, query.Skip, query.First, "tasks");
        }

        /// <summary>Formats a time as the service's wall clock (UTC+8).</summary>
        public static string? FormatServiceTime(DateTimeOffset? time)
            => time?.ToOffset(ServiceOffset).ToString(TimeFormat, CultureInfo.InvariantCulture);

        /// <summary>Looks tasks up by id (queryTaskInfo), at most 100 ids a call. Ids the service does not know are absent from the result.</summary>
        public async Task<IReadOnlyList<RbTask>> GetAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
        {
            var op = RbCatalog.QueryTaskInfo;
            var result = new List<RbTask>();
            foreach (var chunk in Chunk(ids.Distinct(), op.MaxIds))
            {
                var response = await client.SendAsync(op, new RbBody().Add(op.IdListField!, chunk), cancellationToken).ConfigureAwait(false);
                result.AddRange(RbPage<RbTask>.FromWire(response.Data, 1, RbTask.FromWire).Items);
            }
            return result;
        }

        /// <summary>Stops tasks; one result per id.</summary>
        public Task<IReadOnlyList<RbItemResult>> StopAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.StopTask, ids, cancellationToken);

        /// <summary>Starts (resumes) stopped tasks; one result per id.</summary>
        public Task<IReadOnlyList<RbItemResult>> StartAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.StartTask, ids, cancellationToken);

        /// <summary>
        /// Sends ids in chunks of the catalog's limit. When the service refuses a chunk of several ids with code 100
        /// (one task's status does not allow the action; nothing was changed), each id of it is sent alone so that
        /// every task gets its own answer.
        /// </summary>
        internal async Task<IReadOnlyList<RbItemResult>> BulkAsync(RbOperation op, IEnumerable<long> ids, CancellationToken cancellationToken)
        {
            var results = new List<RbItemResult>();
            foreach (var chunk in Chunk(ids.Distinct(), op.MaxIds))
            {
                try
                {
                    await client.SendAsync(op, new RbBody().Add(op.IdListField!, chunk), cancellationToken).ConfigureAwait(false);
                    results.AddRange(chunk.Select(id => new RbItemResult(id, null)));
                }
                catch (RbApiException ex) when (ex.Code == RbCodes.Fail && chunk.Length > 1)
                {
                    RbTrace.Write($"{op.Name} refused {chunk.Length} tasks at once ({ex.ApiMessage}); sending them one by one.");
                    foreach (var id in chunk)
                    {
                        try
                        {
                            await client.SendAsync(op, new RbBody().Add(op.IdListField!, new[] { id }), cancellationToken).ConfigureAwait(false);
                            results.Add(new RbItemResult(id, null));
                        }
                        catch (RbApiException single)
                        {
                            results.Add(new RbItemResult(id, single));
                        }
                    }
                }
                catch (Exception ex) when (ex is RbApiException || ex is RbTransportException || ex is RbProtocolException)
                {
                    results.AddRange(chunk.Select(id => new RbItemResult(id, ex)));
                }
            }
            return results;
        }

        internal static IEnumerable<long[]> Chunk(IEnumerable<long> ids, int size)
        {
            var chunk = new List<long>(size);
            foreach (var id in ids)
            {
                chunk.Add(id);
                if (chunk.Count == size)
                {
                    yield return chunk.ToArray();
                    chunk.Clear();
                }
            }
            if (chunk.Count > 0) yield return chunk.ToArray();
        }
    }
}
