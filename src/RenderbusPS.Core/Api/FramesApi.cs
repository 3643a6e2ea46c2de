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

        internal FramesApi(RbClient client) => this.client = client;

        /// <summary>A pager over one task's frames (a parent task lists its sub-tasks' frames).</summary>
        public RbPager<RbFrame> List(long taskId, string? keyword = null, int pageSize = RbCatalog.PageLimit, long skip = 0, long? first = null)
        {
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
            }, f => f.Id, pageSize, op.MaxPageSize, skip, first, "frames");
        }
    }
}
