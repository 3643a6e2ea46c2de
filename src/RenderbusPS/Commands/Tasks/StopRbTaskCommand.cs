using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Stops waiting and rendering tasks.</summary>
    [RbSends("stopTask", "queryTaskInfo")]
    [Cmdlet(VerbsLifecycle.Stop, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StopRbTaskCommand : RbTaskActionCmdlet
    {
        internal override RbOperation Operation => RbCatalog.StopTask;
        internal override string Action => "Stop rendering (running frames stop; Start-RbTask resumes the task)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct) => api.StopAsync(ids, ct);
    }
}
