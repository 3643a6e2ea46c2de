using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Reads a task's frames in whichever protocol the session speaks (queryTaskFrames on REST, query_task's jobs on
    /// API 2.0); <see cref="RbSession.FrameReader"/> picks the one, so Get-RbFrame is written once.
    /// </summary>
    internal interface IRbFrameReader
    {
        /// <summary>The frames of a task that match the query, page by page.</summary>
        RbFilteredPager<RbFrame> List(RbFrameQuery query);

        /// <summary>One frame of a task; <c>Rb.FrameNotFound</c> when the task has no such frame.</summary>
        Task<RbFrame> GetAsync(long taskId, long frameId, CancellationToken cancellationToken);
    }
}
