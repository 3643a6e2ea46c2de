using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>Frame operations.</summary>
    public sealed class FramesApi
    {
        private readonly RbClient client;

        public FramesApi(RbClient client) => this.client = client ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>A pager over one task's frames (a parent task lists its sub-tasks' frames).</summary>
        [RbSends("queryTaskFrames")]
        public RbPager<RbFrame> List(long taskId, string? keyword = null, int pageSize = RbCatalog.PageLimit, long skip = 0, long? first = null)
        {
            RbInputRules.CheckIds(new[] { taskId });
            RbInputRules.CheckKeyword(keyword);
            var op = RbCatalog.QueryTaskFrames;
            return new RbPager<RbFrame>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("taskId", taskId)
                    .Add("pageNum", page)
                    .Add("pageSize", size)
                    .Add("searchKeyword", string.IsNullOrWhiteSpace(keyword) ? null : keyword);
                var response = await client.SendAsync(op, body, ct).ConfigureAwait(false);
                return RbPage<RbFrame>.FromWire(response.Data, page, RbFrame.FromWire);
            }, f => f.FrameId, pageSize, op.MaxPageSize, skip, first, "frames");
        }

        /// <summary>One frame of a task, read from the task's frame list; <c>Rb.FrameNotFound</c> when the task has no such frame.</summary>
        [RbSends("queryTaskFrames")]
        public async Task<RbFrame> GetAsync(long taskId, long frameId, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { frameId });
            using var pager = List(taskId);
            while (!pager.IsDone)
            {
                foreach (var frame in await pager.NextAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (frame.FrameId == frameId) return frame;
                }
            }
            throw new RbValidationException("Rb.FrameNotFound", $"Task {taskId} has no frame {frameId}.", "FrameId",
                "List the task's frames with Get-RbFrame -TaskId " + taskId + ".", frameId);
        }
    }

    /// <summary>Reaches the frame operations of a client.</summary>
    public static class FramesApiExtensions
    {
        public static FramesApi Frames(this RbClient client) => new FramesApi(client);
    }
}
