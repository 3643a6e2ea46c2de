using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Resubmits the failed frames (or frames of other statuses) of tasks, so the farm renders them
    /// again.</summary>
    [RbSends(nameof(RbCatalog.RecommitTasks), nameof(RbCatalog.QueryTaskInfo))]
    [RbSendsApi2("operate_task", "query_task")]
    [Cmdlet(VerbsLifecycle.Restart, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class RestartRbTaskCommand : RbTaskActionCmdlet
    {
        /// <summary>Statuses of the frames to resubmit.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public RbFrameStatus[] FrameStatus { get; set; } = { RbFrameStatus.Failed };

        internal override RbOperation Operation => RbCatalog.RecommitTasks;
        internal override string Action =>
            $"Resubmit its {string.Join("/", FrameStatus.Distinct())} frames (they wait and render again, and are billed again)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct) => session.TaskActions.RestartAsync(ids, FrameStatus, ct);
    }
}
