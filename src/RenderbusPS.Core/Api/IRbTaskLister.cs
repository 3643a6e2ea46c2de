using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Lists tasks in whichever protocol the session speaks (getTaskList on REST, query_task on API 2.0);
    /// <see cref="RbSession.TaskLister"/> picks the one, so Get-RbTask is written once. The statuses, -Skip and
    /// -First of the query mean the same on both: API 2.0 asks by status word and keeps the statuses asked for here,
    /// counting -Skip/-First over the tasks kept.
    /// </summary>
    internal interface IRbTaskLister
    {
        /// <summary>The tasks that match, newest first, page by page, with the promise of
        /// <see cref="RbPager{T}"/>.</summary>
        IRbPages<RbTask> List(RbTaskQuery query);
    }
}
