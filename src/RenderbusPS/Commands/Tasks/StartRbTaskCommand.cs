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
    /// <summary>Starts (resumes) stopped tasks.</summary>
    [RbSends("startTask", "queryTaskInfo")]
    [Cmdlet(VerbsLifecycle.Start, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StartRbTaskCommand : RbTaskActionCmdlet
    {
        internal override RbOperation Operation => RbCatalog.StartTask;
        internal override IReadOnlyCollection<RbTaskStatus>? AppliesTo => RbTaskStates.Startable;
        internal override string Done => "started";

        /// <summary>
        /// The piped task itself, bound next to -Id: when its status shows the task cannot be started (as it was read), it is
        /// reported at once and not sent. Hidden; give -Id.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public RbTask? InputObject { get; set; }

        internal override RbTask? TakePipedTask()
        {
            var task = InputObject;
            InputObject = null;
            return task;
        }
        internal override string Action => "Start rendering again (stopped frames are queued and billed as they render)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct) => api.StartAsync(ids, ct);
    }
}
