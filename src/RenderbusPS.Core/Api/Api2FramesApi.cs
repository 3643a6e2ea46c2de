using System;
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
    /// A task's frames over API 2.0: query_task with <c>is_jobs_included</c> gives them all in one answer (API 2.0
    /// pages tasks, not frames), as the same <see cref="RbFrame"/>s REST gives; the keyword matches the frame label
    /// here, since query_task has no frame filter.
    /// </summary>
    internal sealed class Api2FramesApi : IRbFrameReader
    {
        private readonly RbClient client;

        public Api2FramesApi(RbClient client)
            => this.client = client ?? throw new ArgumentNullException(nameof(client));

        [RbSendsApi2("query_task")]
        public RbFilteredPager<RbFrame> List(RbFrameQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            RbInputRules.CheckIds(new[] { query.TaskId });
            RbInputRules.CheckKeyword(query.Keyword);
            var keyword = string.IsNullOrWhiteSpace(query.Keyword) ? null : query.Keyword!.Trim();
            var statuses = query.Status != null && query.Status.Count > 0 ? query.Status : null;
            var inner = new RbPager<RbFrame>(async (page, size, ct) =>
            {
                var frames = (await ReadAsync(query.TaskId, false, ct).ConfigureAwait(false))
                    .Where(f => keyword == null
                        || (f.FrameIndex ?? "").IndexOf(keyword, StringComparison.OrdinalIgnoreCase) >= 0)
                    .ToList();
                return new RbPage<RbFrame> { Items = frames, PageNum = 1, PageCount = 1, Total = frames.Count };
            }, f => f.FrameId, RbCatalog.PageLimit, RbCatalog.PageLimit, statuses == null ? query.Skip : 0,
                statuses == null ? query.First : null, "frames");
            return new RbFilteredPager<RbFrame>(inner, f => statuses == null || statuses.Contains(f.Status));
        }

        [RbSendsApi2("query_task")]
        public async Task<RbFrame> GetAsync(long taskId, long frameId, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { taskId, frameId });
            var frames = await ReadAsync(taskId, false, cancellationToken).ConfigureAwait(false);
            return frames.FirstOrDefault(f => f.FrameId == frameId) ?? throw FramesApi.FrameNotFound(taskId, frameId);
        }

        /// <summary>The task's jobs (with their logs when asked); <c>Rb.TaskNotFound</c> for a task the account does
        /// not have.</summary>
        internal async Task<System.Collections.Generic.IReadOnlyList<RbFrame>> ReadAsync(long taskId, bool logs,
            CancellationToken cancellationToken)
        {
            var body = new RbBody().Add("task_id", taskId.ToString(CultureInfo.InvariantCulture))
                .Add("is_jobs_included", "1").Add("is_logs_included", logs ? "1" : null);
            // read while the answer's document lives: the task's items, then its jobs
            var frames = await client.SendAsync(RbApi2Catalog.QueryTask.Operation, body, r =>
                RbWire.Read<RbApi2List<RbApi2TaskJobs>>(r.Data).Data.FirstOrDefault(t => t.TaskId == taskId)
                    is RbApi2TaskJobs task ? task.Jobs.Select(job => Frame(job, taskId)).ToList() : null, cancellationToken).ConfigureAwait(false);
            return frames ?? throw RbTaskStates.NotFound(taskId);
        }

        /// <summary>A <c>jobs</c> item (API2-NOTES §2.2.2); what RbFrame does not name stays in Extra.</summary>
        internal static RbFrame Frame(RbApi2Job job, long taskId)
        {
            var name = job.Name;
            var frame = new RbFrame
            {
                FrameId = job.JobId ?? 0,
                TaskId = job.TaskId ?? taskId,
                FrameIndex = name != null && name.StartsWith("frame", StringComparison.Ordinal)
                    ? name.Substring(5) : name,
                Status = RbApi2Words.JobStatus(job.Status),
                Type = RbFrameType.Main,
                Cost = decimal.TryParse(job.Fee, NumberStyles.Number, CultureInfo.InvariantCulture, out var fee)
                    ? fee : 0m,
                StartedAt = Clock(job.StartTime),
                EndedAt = Clock(job.EndTime),
                Duration = job.Seconds.HasValue ? TimeSpan.FromSeconds(job.Seconds.Value) : (TimeSpan?)null,
                Extra = job.Extra,
            };
            frame.Extra["job_status"] = job.Status;
            return frame;
        }

        /// <summary>A job's time, <c>yyyyMMddHHmmss</c> on the service's clock (UTC+8).</summary>
        private static DateTimeOffset? Clock(string? text)
            => DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var local) ? new DateTimeOffset(local, RbServiceTime.Offset) : (DateTimeOffset?)null;
    }
}
