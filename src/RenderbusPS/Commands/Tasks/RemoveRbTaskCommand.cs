using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Deletes tasks: they leave the task list and are listed only by Get-RbTask -Deleted.</summary>
    [RbSends(nameof(RbCatalog.DeleteTask), nameof(RbCatalog.QueryTaskInfo))]
    [RbSendsApi2("operate_task", "query_task")]
    [Cmdlet(VerbsCommon.Remove, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RbTask))]
    public sealed class RemoveRbTaskCommand : RbTaskActionCmdlet
    {
        internal override RbOperation Operation => RbCatalog.DeleteTask;
        internal override string Action =>
            "Delete (the task moves to the recycle bin: it leaves the task list and only Get-RbTask -Deleted shows it)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct) => session.TaskActions.DeleteAsync(ids, ct);
    }
}
