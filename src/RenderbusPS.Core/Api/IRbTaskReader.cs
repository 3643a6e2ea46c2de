using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Reads tasks by id in whichever protocol the session speaks (queryTaskInfo on REST, query_task on API 2.0), so
    /// lookups and waits are written once; <see cref="RbSession.TaskReader"/> picks the one.
    /// </summary>
    internal interface IRbTaskReader
    {
        /// <summary>Calls in flight at once at most.</summary>
        int ThrottleLimit { get; }

        /// <summary>One result per distinct id, in the order given; <c>Rb.TaskNotFound</c> for an unknown id.</summary>
        Task<IReadOnlyList<RbItemResult<RbTask>>> GetEachAsync(IEnumerable<long> ids,
            CancellationToken cancellationToken);
    }
}
