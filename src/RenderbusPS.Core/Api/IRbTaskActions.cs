using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Acts on tasks by id in whichever protocol the session speaks (REST's task calls, API 2.0's operate_task);
    /// <see cref="RbSession.TaskActions"/> picks the one, so the action cmdlets are written once. Every method returns
    /// one result per distinct id, in the order given; an action the protocol lacks gives every id
    /// <c>Rb.NotInProtocol</c> and sends nothing.
    /// </summary>
    internal interface IRbTaskActions
    {
        /// <summary>Calls in flight at once at most.</summary>
        int ThrottleLimit { get; }

        /// <summary>The ids as the calls of one action carry them (for reporting call by call).</summary>
        IReadOnlyList<long[]> Calls(IReadOnlyList<long> ids);

        Task<IReadOnlyList<RbItemResult>> StopAsync(IEnumerable<long> ids, CancellationToken cancellationToken);

        Task<IReadOnlyList<RbItemResult>> AbandonAsync(IEnumerable<long> ids, CancellationToken cancellationToken);

        Task<IReadOnlyList<RbItemResult>> StartAsync(IEnumerable<long> ids, CancellationToken cancellationToken);

        /// <summary>Resubmits the tasks' frames of these statuses (failed frames when none are given).</summary>
        Task<IReadOnlyList<RbItemResult>> RestartAsync(IEnumerable<long> ids,
            IReadOnlyCollection<RbFrameStatus>? frameStatus, CancellationToken cancellationToken);

        Task<IReadOnlyList<RbItemResult>> DeleteAsync(IEnumerable<long> ids, CancellationToken cancellationToken);

        /// <summary>Changes task settings: one result per task per setting.</summary>
        Task<IReadOnlyList<RbSettingResult>> SetAsync(IEnumerable<long> ids, RbTaskSettings settings,
            CancellationToken cancellationToken);
    }
}
